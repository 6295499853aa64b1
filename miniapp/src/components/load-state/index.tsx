import { Text, View } from '@tarojs/components'
import { messageFor } from '@/api'
import { Button, Skeleton } from '@/components/ui'
import './index.scss'

const PHRASE = { failed: '加载失败', unavailable: '暂时无法加载' } as const

interface LoadFailedProps {
  /** The page's block: the classes are `<block>-error`, `<block>-error__text` and `<block>-retry`. */
  block: string
  /** What did not load, e.g. '会员等级' reads "会员等级加载失败：…"; without it just "加载失败：…". */
  what?: string
  /** 'unavailable' reads "…暂时无法加载：…", for things the member can do without for a moment. */
  phrase?: keyof typeof PHRASE
  error: unknown
  onRetry: () => unknown
  /** More classes on the block, e.g. 'card'. */
  className?: string
  /** Replaces `<block>-error__text`, e.g. the staff pages' shared 'staff-form-error__text'. */
  textClassName?: string
  /** The shared look (index.scss): side by side or stacked; without it the page styles the block itself. */
  layout?: 'row' | 'stacked'
}

/** Data that failed to load: what and why, and a 重试 button. */
export function LoadFailed({ block, what = '', phrase = 'failed', error, onRetry, className, textClassName, layout }: LoadFailedProps) {
  const classes = [className, layout && `load-failed load-failed--${layout}`, `${block}-error`].filter(Boolean).join(' ')
  return (
    <View className={classes}>
      <Text className={[layout && 'load-failed__text', textClassName ?? `${block}-error__text`].filter(Boolean).join(' ')}>
        {`${what}${PHRASE[phrase]}：${messageFor(error)}`}
      </Text>
      <Button className={`${block}-retry`} size='small' onClick={() => void onRetry()}>
        重试
      </Button>
    </View>
  )
}

/**
 * Data on its way: one skeleton card per entry of `rows` (its number of lines). With `className`
 * the cards sit in a View of that class; without, they stand on their own.
 */
export function CardSkeletons({ rows, className }: { rows: readonly number[]; className?: string }) {
  const cards = rows.map((n, i) => (
    <View key={i} className='card'>
      <Skeleton rows={n} animated />
    </View>
  ))
  return className ? <View className={className}>{cards}</View> : <>{cards}</>
}
