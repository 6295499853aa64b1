import { useState } from 'react'
import { useReachBottom } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { Coupon, CouponStatus } from '@siyu/shared/schemas/coupons'
import type { ReferralsPage } from '@siyu/shared/schemas/referrals'
import { addMonths } from '@siyu/shared/rules/points-expiry'
import { api, useRequest } from '@/api'
import { EmptyState } from '@/components/empty-state'
import { ListFooter } from '@/components/list-footer'
import { CardSkeletons, LoadFailed } from '@/components/load-state'
import { STATUS_TEXT, formatCouponCode, walletLine } from '@/lib/coupon-text'
import { streakText } from '@/lib/checkin-text'
import { referralDateText, referralStatusText } from '@/lib/invite-text'
import { useCursorPages } from '@/store/use-cursor-pages'

type Referral = ReferralsPage['items'][number]

const COUPON_STATUSES: readonly CouponStatus[] = ['available', 'held', 'used', 'expired']

/** 优惠券: the member's coupons of one status, newest first. */
export function CouponsPanel({ memberId }: { memberId: string }) {
  const coupons = useCursorPages<CouponStatus, Coupon>({
    initialKey: 'available',
    idOf: (c) => c.code,
    fetchPage: (status, cursor) => api.call('getMemberCouponsAdmin', { params: { memberId }, query: { status, limit: 20, ...(cursor ? { cursor } : {}) } }),
  })
  useReachBottom(() => void coupons.loadMore())
  let body
  if (coupons.status === 'loading' || coupons.status === 'idle') body = <CardSkeletons rows={[3]} />
  else if (coupons.status === 'error') body = <LoadFailed block='console-coupons' layout='stacked' what='优惠券' error={coupons.error} onRetry={coupons.open} />
  else if (!coupons.items.length) body = <EmptyState className='console-coupons-empty' title={`没有${STATUS_TEXT[coupons.key]}的券`} />
  else {
    body = (
      <View className='console-coupon-list'>
        {coupons.items.map((c) => (
          <View key={c.code} className={`console-row console-coupon console-coupon--${c.status}`}>
            <View className='console-row__main'>
              <Text className='console-row__title console-coupon__title'>{c.title}</Text>
              <Text className='console-row__meta'>{c.ruleText} · 券码 {formatCouponCode(c.code)}</Text>
            </View>
            <View className='console-row__side'>
              <Text className='console-coupon__status'>{STATUS_TEXT[c.status]}</Text>
              <Text className='console-row__meta'>{walletLine(c)}</Text>
            </View>
          </View>
        ))}
        <ListFooter className='console-list-footer console-coupons-footer' list={coupons} />
      </View>
    )
  }
  return (
    <View className='console-member-coupons'>
      <View className='console-tabs'>
        {COUPON_STATUSES.map((s) => (
          <View key={s} className={`console-tabs__tab console-coupon-filter--${s}${coupons.key === s ? ' console-tabs__tab--active' : ''}`} onClick={() => coupons.setKey(s)}>
            {STATUS_TEXT[s]}
          </View>
        ))}
      </View>
      {body}
    </View>
  )
}

/** 签到: one month's checked days (this month first), with the streak. */
export function CheckinsPanel({ memberId }: { memberId: string }) {
  const [month, setMonth] = useState<string | undefined>(undefined)
  const calendar = useRequest(() => api.call('getMemberCheckinsAdmin', { params: { memberId }, query: month ? { month } : {} }), [month], { silent: true })
  const data = calendar.data
  const shown = data && (!month || data.month === month) ? data : undefined
  const current = data?.today.slice(0, 7)
  const viewing = month ?? data?.month
  return (
    <View className='console-member-checkins'>
      <View className='console-checkin-months'>
        <Text className='console-checkin-prev' onClick={() => viewing && setMonth(addMonths(viewing, -1))}>
          ‹ 上月
        </Text>
        <Text className='console-checkin-month'>{viewing ?? ''}</Text>
        <Text className='console-checkin-next' onClick={() => viewing && current && viewing < current && setMonth(addMonths(viewing, 1))}>
          下月 ›
        </Text>
      </View>
      {calendar.error ? (
        <LoadFailed block='console-checkins' layout='stacked' what='签到记录' error={calendar.error} onRetry={calendar.reload} />
      ) : !shown || calendar.loading ? (
        <CardSkeletons rows={[3]} />
      ) : (
        <>
          <Text className='console-checkin-streak'>{shown.month === current ? streakText(shown.streak) : `${shown.month} 共签到 ${shown.days.length} 天`}</Text>
          {shown.days.length ? (
            shown.days.map((d) => (
              <View key={d.date} className='console-row console-checkin-day'>
                <Text className='console-row__main console-checkin-day__date'>
                  {d.date}
                  {d.makeup ? '（补签）' : ''}
                </Text>
                <Text className='console-row__side console-checkin-day__points'>+{d.points + d.bonus}{d.bonus ? `（含连签 ${d.bonus}）` : ''}</Text>
              </View>
            ))
          ) : (
            <EmptyState className='console-checkins-empty' title='这个月没有签到' />
          )}
        </>
      )}
    </View>
  )
}

/** 邀请: the members this member invited, with their status. */
export function ReferralsPanel({ memberId }: { memberId: string }) {
  const referrals = useCursorPages<'all', Referral>({
    initialKey: 'all',
    // Invitees carry no id here; who and when is unique enough to drop a row repeated across pages.
    idOf: (r) => `${r.boundAt}|${r.name}|${r.status}`,
    fetchPage: (_, cursor) => api.call('getMemberReferralsAdmin', { params: { memberId }, query: { limit: 20, ...(cursor ? { cursor } : {}) } }),
  })
  useReachBottom(() => void referrals.loadMore())
  if (referrals.status === 'loading' || referrals.status === 'idle') return <CardSkeletons rows={[3]} />
  if (referrals.status === 'error') return <LoadFailed block='console-referrals' layout='stacked' what='邀请记录' error={referrals.error} onRetry={referrals.open} />
  if (!referrals.items.length) return <EmptyState className='console-referrals-empty' title='还没有邀请过好友' />
  return (
    <View className='console-referral-list'>
      {referrals.items.map((r) => (
        <View key={`${r.boundAt}|${r.name}|${r.status}`} className={`console-row console-referral console-referral--${r.status}`}>
          <Text className='console-row__main console-row__title console-referral__name'>{r.name}</Text>
          <View className='console-row__side'>
            <Text className='console-referral__status'>{referralStatusText(r)}</Text>
            <Text className='console-row__meta'>{referralDateText(r)}</Text>
          </View>
        </View>
      ))}
      <ListFooter className='console-list-footer console-referrals-footer' list={referrals} />
    </View>
  )
}
