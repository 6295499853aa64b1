import { Text, View } from '@tarojs/components'
import type { PointsEntry } from '@siyu/shared/schemas/points'
import { messageFor } from '@/api'
import { EmptyState } from '@/components/empty-state'
import { ListFooter } from '@/components/list-footer'
import { Button, Skeleton } from '@/components/ui'
import { formatShanghaiTime } from '@/lib/datetime'
import { FILTERS, entryAmount, entryLabel, entryNote } from './entries'
import type { PointsHistory } from './use-points-history'

/** 积分明细: filter chips, then the entries of the chosen filter, paged as the member scrolls. */
export function HistorySection({ history }: { history: PointsHistory }) {
  return (
    <View className='card points-history'>
      <Text className='card__title'>积分明细</Text>
      <View className='points-filters'>
        {FILTERS.map(({ key, label }) => (
          <View
            key={key}
            className={`points-filter points-filter--${key}${history.filter === key ? ' points-filter--active' : ''}`}
            onClick={() => history.setFilter(key)}
          >
            {label}
          </View>
        ))}
      </View>
      <HistoryBody history={history} />
    </View>
  )
}

function HistoryBody({ history }: { history: PointsHistory }) {
  if (history.status === 'loading') {
    return (
      <View className='points-history-loading'>
        <Skeleton rows={5} animated />
      </View>
    )
  }
  if (history.status === 'error') {
    return (
      <View className='points-history-error'>
        <Text className='points-history-error__text'>{messageFor(history.error)}</Text>
        <Button className='points-history-retry' size='small' onClick={() => void history.refresh()}>
          重试
        </Button>
      </View>
    )
  }
  if (history.items.length === 0) {
    const description = history.filter === 'all' ? '签到、消费或兑换后，积分变动会显示在这里。' : '换个类型看看吧。'
    return <EmptyState className='points-history-empty' title='暂无积分记录' description={description} />
  }
  return (
    <View className='points-entries'>
      {history.items.map((entry) => (
        <EntryRow key={entry.id} entry={entry} />
      ))}
      <ListFooter className='points-history-footer' list={history} />
    </View>
  )
}

function EntryRow({ entry }: { entry: PointsEntry }) {
  const amount = entryAmount(entry)
  const note = entryNote(entry)
  return (
    <View className={`points-entry points-entry--${entry.code}`}>
      <View className='points-entry__main'>
        <Text className='points-entry-label'>{entryLabel(entry.code)}</Text>
        {note ? <Text className='points-entry-note'>{note}</Text> : null}
        <Text className='points-entry-time'>{formatShanghaiTime(entry.at)}</Text>
      </View>
      <Text className={`points-entry-amount points-entry-amount--${amount.tone}`}>{amount.text}</Text>
    </View>
  )
}
