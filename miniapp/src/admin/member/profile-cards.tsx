import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import type { MemberDetail } from '@siyu/shared/schemas/console'
import { count, formatShanghaiTime, personText } from '../lib/format'
import { StaffBadges } from '../members/staff-badges'
import { growthText, invitedText, optInText } from './detail-text'

/** A label and its value, one line of a card. */
export function Line({ name, label, children }: { name: string; label: string; children: ReactNode }) {
  return (
    <View className={`console-member-line console-member-line--${name}`}>
      <Text className='console-member-line__label'>{label}</Text>
      <Text className='console-member-line__value'>{children}</Text>
    </View>
  )
}

export function HeaderCard({ detail }: { detail: MemberDetail }) {
  const { member, tier } = detail
  return (
    <View className='card console-member-header'>
      <View className='console-member-header__who'>
        <Text className='console-member-name'>{member.name}</Text>
        <StaffBadges roles={detail.roles} />
      </View>
      <Text className='console-member-phone'>{member.phone ?? '未绑定手机号'}</Text>
      <Line name='tier' label='等级'>
        {tier.name}
      </Line>
      <Line name='growth' label='成长值'>
        {growthText(tier)}
      </Line>
      {tier.reviewOn ? (
        <Line name='review' label='等级复核'>
          {tier.reviewOn}
        </Line>
      ) : null}
      {detail.shortId ? (
        <Line name='short-id' label='短号'>
          {detail.shortId}
        </Line>
      ) : null}
      {detail.birthday ? (
        <Line name='birthday' label='生日'>
          {detail.birthday}
        </Line>
      ) : null}
      <Line name='created' label='注册时间'>
        {formatShanghaiTime(detail.createdAt)}
      </Line>
      <Line name='last-seen' label='最近互动'>
        {detail.lastInteractionAt ? formatShanghaiTime(detail.lastInteractionAt) : '暂无'}
      </Line>
    </View>
  )
}

export function PointsCard({ points }: { points: MemberDetail['points'] }) {
  return (
    <View className='card console-member-points'>
      <Text className='card__title'>积分</Text>
      <View className='console-figures'>
        <PointsFigure name='available' label='可用' value={points.available} />
        <PointsFigure name='pending' label='待生效' value={points.pending} />
        <PointsFigure name='debt' label='欠扣' value={points.debt} />
      </View>
      {points.lots.length ? (
        <View className='console-member-lots'>
          <Text className='console-member-lots__title'>按到期月份</Text>
          {points.lots.map((lot) => (
            <View key={lot.month} className='console-member-lot'>
              <Text className='console-member-lot__month'>{lot.month} 批次</Text>
              <Text className='console-member-lot__points'>{count(lot.points)} 积分</Text>
              <Text className='console-member-lot__last'>{lot.lastDay} 前有效</Text>
            </View>
          ))}
        </View>
      ) : (
        <Text className='console-member-lots__none'>暂无可用积分批次</Text>
      )}
    </View>
  )
}

function PointsFigure({ name, label, value }: { name: string; label: string; value: number }) {
  return (
    <View className={`console-figure console-figure--${name}`}>
      <View className='console-figure__box'>
        <Text className='console-figure__label'>{label}</Text>
        <Text className={`console-figure__value console-member-points-${name}`}>{count(value)}</Text>
      </View>
    </View>
  )
}

export function ConsentsCard({ consents }: { consents: MemberDetail['consents'] }) {
  return (
    <View className='card console-member-consents'>
      <Text className='card__title'>授权</Text>
      {consents ? (
        <>
          <Line name='policy' label='隐私政策'>
            {`${consents.privacyPolicyVersion} 版 · 同意于 ${formatShanghaiTime(consents.privacyAcceptedAt)}`}
          </Line>
          <Line name='marketing' label='营销消息'>
            {optInText(consents.marketing)}
          </Line>
          <Line name='personalisation' label='个性化推荐'>
            {optInText(consents.personalisation)}
          </Line>
        </>
      ) : (
        <Text className='console-member-consents__none'>尚未同意隐私政策</Text>
      )}
    </View>
  )
}

export function ReferralCard({ referral }: { referral: MemberDetail['referral'] }) {
  return (
    <View className='card console-member-referral'>
      <Text className='card__title'>邀请</Text>
      <Line name='referrer' label='邀请人'>
        {referral.referrer ? personText(referral.referrer) : '无（自行注册）'}
      </Line>
      <Line name='invited' label='邀请好友'>
        {invitedText(referral.invited)}
      </Line>
    </View>
  )
}
