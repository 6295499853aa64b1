import { useState } from 'react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { Picker, Text, View } from '@tarojs/components'
import { shanghaiDate } from '@siyu/shared/rules/business-day'
import { api, useRequest } from '@/api'
import { EmptyState } from '@/components/empty-state'
import { CardSkeletons, LoadFailed } from '@/components/load-state'
import { StaffGate } from '../components/staff-gate'
import { isQuietDay, summaryGroups } from '../lib/summary-figures'
import '../staff.scss'
import './index.scss'

/** 今日汇总: the store's day at the till (earlier days by the date picker). */
export default function SummaryPage() {
  return <StaffGate>{() => <StoreDay />}</StaffGate>
}

function StoreDay() {
  const today = shanghaiDate(new Date())
  const [date, setDate] = useState(today)
  const summary = useRequest(() => api.call('getStaffSummary', { query: { date } }), [date], { silent: true })
  usePullDownRefresh(async () => {
    await summary.reload()
    Taro.stopPullDownRefresh()
  })
  // A slow answer for a date no longer picked is not shown.
  const shown = summary.data?.date === date ? summary.data : undefined

  return (
    <View className='page staff staff-summary'>
      <Picker mode='date' className='staff-summary-date' value={date} start='2020-01-01' end={today} onChange={(e) => setDate(String(e.detail.value))}>
        <View className='staff-date'>
          <Text className='staff-date__label'>日期</Text>
          <Text className='staff-date__value'>{date === today ? `今天 ${date}` : date} ▾</Text>
        </View>
      </Picker>
      {shown ? (
        isQuietDay(shown) ? (
          <EmptyState className='staff-summary-empty' title={date === today ? '今天还没有门店操作' : '这一天没有门店操作'} description='记录消费、退款或积分抵现后，汇总会显示在这里' />
        ) : (
          summaryGroups(shown).map((group) => (
            <View key={group.key} className={`card staff-summary-group staff-summary-group--${group.key}`}>
              <Text className='card__title'>{group.title}</Text>
              <View className='staff-summary-grid'>
                {group.figures.map((f) => (
                  <View key={f.key} className={`staff-summary-figure staff-summary-${f.key}`}>
                    <Text className='staff-summary-figure__value'>{f.value}</Text>
                    <Text className='staff-summary-figure__label'>{f.label}</Text>
                  </View>
                ))}
              </View>
            </View>
          ))
        )
      ) : summary.error && !summary.loading ? (
        <LoadFailed block='staff-summary' className='card' textClassName='staff-form-error__text' what='汇总' error={summary.error} onRetry={summary.reload} />
      ) : (
        <CardSkeletons rows={[4]} />
      )}
    </View>
  )
}
