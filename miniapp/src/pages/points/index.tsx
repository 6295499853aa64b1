import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { useRequest } from '@/api'
import { RulesNotices } from '@/components/rules-notice'
import { pointsRuleLines } from '@/lib/points-rules'
import { usePointsSummary } from '@/store/points'
import { loadProgram } from '@/store/program'
import { BalanceCard, ExpiringBanner, LifetimeCard } from './balance'
import { HistorySection } from './history'
import { usePointsHistory } from './use-points-history'
import './index.scss'

/** 积分: balance, points about to expire, lifetime figures and the history of every change. */
export default function PointsPage() {
  const summary = usePointsSummary()
  const history = usePointsHistory()
  const program = useRequest(loadProgram, [], { silent: true })

  useReachBottom(() => {
    void history.loadMore()
  })
  usePullDownRefresh(async () => {
    await Promise.all([summary.reload(), history.refresh()])
    Taro.stopPullDownRefresh()
  })

  const data = summary.data
  return (
    <View className='page points'>
      <BalanceCard summary={summary} rules={program.data ? pointsRuleLines(program.data, new Date()) : undefined} />
      <RulesNotices block='points-rules-notice' notices={program.data?.notices} />
      {data?.expiringSoon ? <ExpiringBanner lot={data.expiringSoon} /> : null}
      {data ? <LifetimeCard lifetime={data.lifetime} /> : null}
      <HistorySection history={history} />
    </View>
  )
}
