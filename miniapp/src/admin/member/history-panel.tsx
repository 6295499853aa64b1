import { useReachBottom } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { PointsEntry } from '@siyu/shared/schemas/points'
import { api } from '@/api'
import { EmptyState } from '@/components/empty-state'
import { ListFooter } from '@/components/list-footer'
import { CardSkeletons, LoadFailed } from '@/components/load-state'
import { ACTIVATION_TEXT, FILTERS, codeOf, entryLabel, entryNote, type FilterKey } from '@/pages/points/entries'
import { useCursorPages, type CursorPages } from '@/store/use-cursor-pages'
import { count, formatShanghaiTime, signedPoints } from '../lib/format'

export type MemberHistory = CursorPages<FilterKey, PointsEntry>

/** The member's ledger, newest first, one entry code (or all) at a time; the page owns it so an adjustment can refresh it. */
export function useMemberHistory(memberId: string): MemberHistory {
  return useCursorPages<FilterKey, PointsEntry>({
    initialKey: 'all',
    idOf: (e) => e.id,
    fetchPage: (filter, cursor) => {
      const code = codeOf(filter)
      return api.call('getMemberHistoryAdmin', { params: { memberId }, query: { limit: 20, ...(code ? { code } : {}), ...(cursor ? { cursor } : {}) } })
    },
  })
}

/** 积分明细: the same labels as the member's own 积分 page, with signed amounts and the balance after. */
export function HistoryPanel({ history }: { history: MemberHistory }) {
  useReachBottom(() => void history.loadMore())
  return (
    <View className='console-member-history'>
      <View className='console-tabs console-member-history__filters'>
        {FILTERS.map(({ key, label }) => (
          <View
            key={key}
            className={`console-tabs__tab console-history-filter console-history-filter--${key}${history.key === key ? ' console-tabs__tab--active' : ''}`}
            onClick={() => history.setKey(key)}
          >
            {label}
          </View>
        ))}
      </View>
      <HistoryBody history={history} />
    </View>
  )
}

function HistoryBody({ history }: { history: MemberHistory }) {
  if (history.status === 'loading' || history.status === 'idle') return <CardSkeletons rows={[4]} />
  if (history.status === 'error') return <LoadFailed block='console-history' layout='stacked' what='积分明细' error={history.error} onRetry={history.open} />
  if (!history.items.length) return <EmptyState className='console-history-empty' title='暂无积分记录' description={history.key === 'all' ? '这位会员还没有积分变动。' : '没有这一类的积分变动。'} />
  return (
    <View className='console-history-list'>
      {history.items.map((entry) => (
        <HistoryRow key={entry.id} entry={entry} />
      ))}
      <ListFooter className='console-list-footer console-history-footer' list={history} />
    </View>
  )
}

function HistoryRow({ entry }: { entry: PointsEntry }) {
  const note = entryNote(entry)
  const activation = entry.code === 'purchase_activation'
  const tone = activation || entry.points === 0 ? 'neutral' : entry.points > 0 ? 'plus' : 'minus'
  return (
    <View className={`console-row console-history-entry console-history-entry--${entry.code}`}>
      <View className='console-row__main'>
        <Text className='console-row__title console-history-entry__label'>{entryLabel(entry.code)}</Text>
        {note ? <Text className='console-row__meta console-history-entry__note'>原因：{note}</Text> : null}
        <Text className='console-row__meta console-history-entry__time'>{formatShanghaiTime(entry.at)}</Text>
      </View>
      <View className='console-row__side'>
        <Text className={`console-history-entry__points console-history-entry__points--${tone}`}>{activation ? ACTIVATION_TEXT : signedPoints(entry.points)}</Text>
        <Text className='console-row__meta console-history-entry__balance'>
          可用 {count(entry.balanceAfter)}
          {entry.pendingAfter ? ` · 待生效 ${count(entry.pendingAfter)}` : ''}
          {entry.debtAfter ? ` · 欠扣 ${count(entry.debtAfter)}` : ''}
        </Text>
      </View>
    </View>
  )
}
