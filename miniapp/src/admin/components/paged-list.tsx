import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import { EmptyState } from '@/components/empty-state'
import { ListFooter } from '@/components/list-footer'
import { CardSkeletons, LoadFailed } from '@/components/load-state'
import type { CursorPages } from '@/store/use-cursor-pages'
import './paged-list.scss'

interface Props<Item> {
  /**
   * The list's block: `{block}-loading`, `{block}-error` (with `{block}-retry`), `{block}-empty`,
   * `{block}-list` and `{block}-footer`.
   */
  block: string
  /** What failed to load, e.g. 操作记录. */
  what: string
  list: Pick<CursorPages<unknown, Item>, 'status' | 'items' | 'error' | 'refresh' | 'loadingMore' | 'moreError' | 'nextCursor' | 'loadMore'>
  empty: { title: string; description?: string }
  /** Column titles shown above the rows at desktop width. */
  head?: ReactNode
  children: (item: Item) => ReactNode
}

/** One cell of a row: a column at desktop width; on a phone cells wrap, each with its `label`. */
export function Cell({ name, label, children, main = false }: { name: string; label?: string; children: ReactNode; main?: boolean }) {
  return (
    <View className={`console-cell console-cell--${name}${main ? ' console-cell--main' : ''}`}>
      {label ? <Text className='console-cell__label'>{label}</Text> : null}
      {children}
    </View>
  )
}

/** A list paged by the server's cursor: skeleton, failure with 重试, empty, or the rows and their footer. */
export function PagedList<Item>({ block, what, list, empty, head, children }: Props<Item>) {
  if (list.status === 'loading' || list.status === 'idle') return <CardSkeletons className={`${block}-loading`} rows={[5]} />
  if (list.status === 'error') {
    return <LoadFailed block={block} className='card' layout='row' what={what} error={list.error} onRetry={list.refresh} />
  }
  if (!list.items.length) return <EmptyState className={`${block}-empty`} title={empty.title} description={empty.description} />
  return (
    <View className={`card console-list ${block}-list`}>
      {head ? <View className='console-list__head'>{head}</View> : null}
      {list.items.map(children)}
      <View className='console-list__footer'>
        <ListFooter className={`${block}-footer`} list={list} />
      </View>
    </View>
  )
}
