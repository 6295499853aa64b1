import { Text, View } from '@tarojs/components'
import { messageFor } from '@/api'
import { Button, Skeleton } from '@/components/ui'
import { goPoints } from '@/lib/nav'
import type { PointsSummaryState } from '@/store/points'

/** 首页 points card: the spendable balance and what is about to change; tap for the details. */
export function PointsCard({ summary, rules }: { summary: PointsSummaryState; rules: string[] | undefined }) {
  const { data, error } = summary
  return (
    <View className='card home-points' onClick={goPoints}>
      <View className='home-points__head'>
        <Text className='card__title home-points__title'>我的积分</Text>
        <Text className='home-points__more'>明细 ›</Text>
      </View>
      {data ? (
        <View className='home-points__body'>
          <Text className='home-points__available'>{data.available}</Text>
          <Text className='home-points__unit'>可用积分</Text>
        </View>
      ) : error ? (
        <View className='home-points__error' onClick={(e) => e.stopPropagation()}>
          <Text className='muted'>积分暂时无法加载：{messageFor(error)}</Text>
          <Button className='home-points-retry' size='small' onClick={() => void summary.reload()}>
            重试
          </Button>
        </View>
      ) : (
        <Skeleton rows={1} animated />
      )}
      {data && (data.pending > 0 || data.expiringSoon) ? (
        <View className='home-points__hints'>
          {data.pending > 0 ? <Text className='home-points__hint home-points-pending'>待生效 {data.pending}</Text> : null}
          {data.expiringSoon ? (
            <Text className='home-points__hint home-points__hint--warn home-points-expiring'>
              {data.expiringSoon.points} 积分将于 {data.expiringSoon.lastDay} 过期
            </Text>
          ) : null}
        </View>
      ) : null}
      {rules ? (
        <View className='home-points__rules'>
          {rules.map((line) => (
            <Text key={line} className='home-rule'>
              {line}
            </Text>
          ))}
        </View>
      ) : null}
    </View>
  )
}
