import { useState } from 'react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { Picker, Text, View } from '@tarojs/components'
import type { ConsoleOperator, Overview, OverviewFigures } from '@siyu/shared/schemas/console'
import { api, useRequest } from '@/api'
import { CardSkeletons, LoadFailed } from '@/components/load-state'
import { Button } from '@/components/ui'
import { ConsoleShell } from '../components/console-shell'
import { count, formatShanghaiTime, money } from '../lib/format'
import { liabilityNote, shownFigures } from './figures'
import './index.scss'

/** 概览: today's and this month's figures of the brand or one store, and the points liability. */
export default function OverviewPage() {
  return <ConsoleShell section='overview'>{(op) => <OverviewBody op={op} />}</ConsoleShell>
}

function OverviewBody({ op }: { op: ConsoleOperator }) {
  // A manager is always scoped to their store by the server; only an admin picks one.
  const [storeId, setStoreId] = useState<string | undefined>(undefined)
  const overview = useRequest(() => api.call('getOverview', { query: storeId ? { storeId } : {} }), [storeId], { silent: true })

  usePullDownRefresh(async () => {
    await overview.reload()
    Taro.stopPullDownRefresh()
  })

  return (
    <View className='console-overview'>
      <View className='console-overview__bar'>
        {op.role === 'admin' ? <StorePicker storeId={storeId} onPick={setStoreId} /> : <Text className='console-overview-scope'>{op.store?.name ?? '本门店'}</Text>}
        <Button className='console-overview-refresh' size='small' loading={overview.loading && !!overview.data} onClick={() => void overview.reload()}>
          刷新
        </Button>
      </View>
      <OverviewContent state={overview} />
    </View>
  )
}

function OverviewContent({ state }: { state: { data: Overview | undefined; loading: boolean; error: unknown; reload: () => Promise<void> } }) {
  const { data, error } = state
  if (error && !data) return <LoadFailed block='console-overview' className='card' layout='stacked' what='概览' error={error} onRetry={state.reload} />
  if (!data) return <CardSkeletons className='console-overview-loading' rows={[3, 3]} />
  return (
    <>
      <Text className='console-overview-title'>{data.store ? `${data.store.name} · 门店数据` : '全品牌数据'}</Text>
      <FigureGroup name='today' title={`今日 · ${data.date}`} figures={data.today} />
      <FigureGroup name='month' title={`本月 · ${data.month}`} figures={data.thisMonth} />
      {data.liability ? (
        <View className='card console-overview-liability'>
          <Text className='card__title'>积分负债</Text>
          <View className='console-figures'>
            <Figure name='liability-points' label='未使用积分' value={count(data.liability.points)} />
            <Figure name='liability-value' label='折合金额' value={money(data.liability.valueFen)} />
          </View>
          <Text className='console-figure__note console-overview-liability__note'>{liabilityNote(data.liability.redeemPointsPerYuan)}（可用 + 待生效 − 欠扣）</Text>
        </View>
      ) : null}
      <Text className='console-overview-asof'>数据更新于 {formatShanghaiTime(data.asOf)}</Text>
      <Text className='console-overview-later'>图表与深度指标将在数据洞察上线后显示在这里</Text>
    </>
  )
}

function FigureGroup({ name, title, figures }: { name: string; title: string; figures: OverviewFigures }) {
  return (
    <View className={`card console-overview-group console-overview-group--${name}`}>
      <Text className='card__title'>{title}</Text>
      <View className='console-figures'>
        {shownFigures(figures).map((f) => (
          <Figure key={f.key} name={f.key} label={f.label} value={f.value} />
        ))}
      </View>
    </View>
  )
}

function Figure({ name, label, value }: { name: string; label: string; value: string }) {
  return (
    <View className={`console-figure console-figure--${name}`}>
      <View className='console-figure__box'>
        <Text className='console-figure__label'>{label}</Text>
        <Text className='console-figure__value'>{value}</Text>
      </View>
    </View>
  )
}

/** 全品牌 or one store, from the brand's stores; a failed list leaves the brand view and offers a retry. */
function StorePicker({ storeId, onPick }: { storeId: string | undefined; onPick: (id: string | undefined) => void }) {
  const stores = useRequest(() => api.call('listStores'), [], { silent: true })
  if (stores.error) {
    return (
      <View className='console-overview-stores-error' onClick={() => void stores.reload()}>
        <Text>门店列表加载失败，点击重试</Text>
      </View>
    )
  }
  const items = stores.data?.items ?? []
  const names = ['全品牌', ...items.map((s) => s.name)]
  const index = storeId ? Math.max(0, items.findIndex((s) => s.storeId === storeId) + 1) : 0
  return (
    <Picker
      mode='selector'
      className='console-overview-store'
      range={names}
      value={index}
      disabled={!stores.data}
      onChange={(e) => onPick(items[Number(e.detail.value) - 1]?.storeId)}
    >
      <View className='console-overview-store__value'>
        <Text className='console-overview-store__label'>范围</Text>
        <Text>{names[index]} ▾</Text>
      </View>
    </Picker>
  )
}
