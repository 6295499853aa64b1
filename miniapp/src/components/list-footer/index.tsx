import { Text } from '@tarojs/components'
import type { CursorPages } from '@/store/use-cursor-pages'

type Paging = Pick<CursorPages<unknown, unknown>, 'loadingMore' | 'moreError' | 'nextCursor' | 'loadMore'>

/**
 * The end of a paged list: loading, a retry after a failed page, more to come (a tap loads it too),
 * or the end. `className` is the page's block; the retry and more lines add `--retry` / `--more`.
 */
export function ListFooter({ className, list }: { className: string; list: Paging }) {
  const more = () => void list.loadMore()
  if (list.loadingMore) return <Text className={className}>加载中…</Text>
  if (list.moreError) {
    return (
      <Text className={`${className} ${className}--retry`} onClick={more}>
        加载失败，点击重试
      </Text>
    )
  }
  if (list.nextCursor) {
    return (
      <Text className={`${className} ${className}--more`} onClick={more}>
        上拉加载更多
      </Text>
    )
  }
  return <Text className={className}>没有更多了</Text>
}
