import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { LoadFailed } from '@/components/load-state'
import { Skeleton } from '@/components/ui'
import type { PointsSummary, PointsSummaryState } from '@/store/points'

export const DEBT_EXPLANATION = '退货扣回超出可用积分的部分，将从后续获得的积分中抵扣'

/** The big balance, with pending and owed points when there are any. */
export function BalanceCard({ summary, rules }: { summary: PointsSummaryState; rules: string[] | undefined }) {
  const { data, error } = summary
  if (!data) {
    return (
      <View className='points-balance points-balance--empty'>
        {error ? <LoadFailed block='points-summary' layout='row' what='积分' error={error} onRetry={summary.reload} /> : <Skeleton rows={2} animated />}
      </View>
    )
  }
  const showRules = () =>
    void Taro.showModal({ title: '积分规则', content: (rules ?? []).join('\n'), showCancel: false, confirmText: '知道了' })
  return (
    <View className='points-balance'>
      <View className='points-balance__head'>
        <Text className='points-balance__caption'>可用积分</Text>
        {rules?.length ? (
          <Text className='points-rules-link' onClick={showRules}>
            积分规则
          </Text>
        ) : null}
      </View>
      <Text className='points-available'>{data.available}</Text>
      {data.pending > 0 || data.debt > 0 ? (
        <View className='points-balance__extra'>
          {data.pending > 0 ? <Text className='points-pending'>待生效 {data.pending}</Text> : null}
          {data.debt > 0 ? <Text className='points-debt'>欠扣 {data.debt}</Text> : null}
        </View>
      ) : null}
      {data.debt > 0 ? <Text className='points-debt-hint'>{DEBT_EXPLANATION}</Text> : null}
    </View>
  )
}

export function ExpiringBanner({ lot }: { lot: NonNullable<PointsSummary['expiringSoon']> }) {
  return (
    <View className='points-expiring'>
      <Text className='points-expiring__badge'>即将过期</Text>
      <Text className='points-expiring__text'>
        {lot.points} 积分将于 {lot.lastDay} 过期
      </Text>
    </View>
  )
}

const LIFETIME: readonly { key: keyof PointsSummary['lifetime']; label: string }[] = [
  { key: 'earned', label: '累计获得' },
  { key: 'spent', label: '累计使用' },
  { key: 'expired', label: '已过期' },
  { key: 'reversed', label: '退货扣回' },
]

export function LifetimeCard({ lifetime }: { lifetime: PointsSummary['lifetime'] }) {
  return (
    <View className='card points-lifetime'>
      {LIFETIME.map(({ key, label }) => (
        <View key={key} className={`points-lifetime__item points-lifetime--${key}`}>
          <Text className='points-lifetime__value'>{lifetime[key]}</Text>
          <Text className='points-lifetime__label'>{label}</Text>
        </View>
      ))}
    </View>
  )
}
