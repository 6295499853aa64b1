import { useReachBottom } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { ReviewReferralsPage } from '@siyu/shared/schemas/console'
import { api } from '@/api'
import { useCursorPages } from '@/store/use-cursor-pages'
import { ConsoleShell } from '../components/console-shell'
import { Choices } from '../components/form-fields'
import { Cell, PagedList } from '../components/paged-list'
import { formatShanghaiTime, personText } from '../lib/format'
import './index.scss'

type Kind = ReviewReferralsPage['items'][number]['kind']
type Review = ReviewReferralsPage['items'][number]

const TABS = [
  { value: 'rejected', label: '被拒绑定' },
  { value: 'capped', label: '超出上限' },
  { value: 'clawed_back', label: '已追回' },
] as const

const EMPTY: Record<Kind, string> = {
  rejected: '没有被拒绝的邀请绑定',
  capped: '没有因每日或每月上限未发奖励的邀请',
  clawed_back: '没有被追回的邀请奖励',
}

/** 邀请审核 (brand admins): refused binds with their reasons, rewards held back by a cap, clawbacks. */
export default function ReferralsConsolePage() {
  return <ConsoleShell section='referrals'>{() => <Referrals />}</ConsoleShell>
}

function Referrals() {
  const list = useCursorPages<Kind, Review>({
    initialKey: 'rejected',
    fetchPage: (kind, cursor) => api.call('listReferralsAdmin', { query: { kind, cursor: cursor ?? undefined } }),
    // No id on a review row: who, whom and when identify it.
    idOf: (r) => `${r.at}|${r.invitee.id}|${r.referrer.id}`,
  })
  useReachBottom(() => void list.loadMore())
  return (
    <View className='console-referrals'>
      <Choices name='console-referral-tabs' options={TABS} isActive={(k) => k === list.key} onPick={list.setKey} />
      <PagedList block='console-referrals' what='邀请记录' list={list} empty={{ title: '暂无记录', description: EMPTY[list.key] }} head={<Head kind={list.key} />}>
        {(r) => <ReviewRow key={`${r.at}|${r.invitee.id}|${r.referrer.id}`} review={r} />}
      </PagedList>
    </View>
  )
}

function Head({ kind }: { kind: Kind }) {
  return (
    <View className='console-cells console-referral-row'>
      <Cell name='time'>时间</Cell>
      <Cell name='invitee' main>被邀请人</Cell>
      <Cell name='referrer'>邀请人</Cell>
      <Cell name='reason'>原因</Cell>
      {kind === 'clawed_back' ? <Cell name='points'>追回积分</Cell> : null}
    </View>
  )
}

function ReviewRow({ review: r }: { review: Review }) {
  return (
    <View className={`console-cells console-referral-row console-referral-row--${r.kind}`}>
      <Cell name='time'>
        <Text className='console-referral-row__time'>{formatShanghaiTime(r.at)}</Text>
      </Cell>
      <Cell name='invitee' main label='被邀请人'>
        <Text className='console-referral-row__invitee'>{personText(r.invitee)}</Text>
      </Cell>
      <Cell name='referrer' label='邀请人'>
        <Text className='console-referral-row__referrer'>{personText(r.referrer)}</Text>
      </Cell>
      <Cell name='reason' label='原因'>
        <Text className='console-referral-row__reason'>{r.reasonText}</Text>
      </Cell>
      {r.points !== null ? (
        <Cell name='points' label='追回'>
          <Text className='console-referral-row__points'>{r.points} 积分</Text>
        </Cell>
      ) : null}
    </View>
  )
}
