import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { addMonths } from '@siyu/shared/rules/points-expiry'
import { api, useRequest } from '@/api'
import { LoadFailed } from '@/components/load-state'
import { Button, Skeleton } from '@/components/ui'
import { checkinToast, makeupPrompt, nextBonusText, streakText } from '@/lib/checkin-text'
import { showNotice } from '@/lib/feedback'
import { useBusy } from '@/lib/use-busy'
import type { CheckinCalendar } from '@/store/checkins'
import { WEEKDAYS, monthGrid, type DayCell } from './month-grid'
import './index.scss'

/** 签到日历: a month of check-ins, earlier months, and make-ups (补签) of missed days. */
export default function CheckinCalendarPage() {
  // Undefined until the server says which month is "this month" (Shanghai, not the phone's clock).
  const [month, setMonth] = useState<string>()
  const calendar = useRequest(() => api.call('getCheckins', { query: { month } }), [month], { silent: true })
  const [busy, run] = useBusy()

  const latest = calendar.data
  const shown = latest && (!month || latest.month === month) ? latest : undefined
  const current = latest?.today.slice(0, 7)
  const viewing = month ?? current

  async function makeup(date: string, state: CheckinCalendar['makeup']) {
    const { confirm } = await Taro.showModal({ title: `补签 ${date}`, content: makeupPrompt(state), confirmText: '补签' })
    if (!confirm) return
    await run(async () => {
      showNotice(checkinToast(await api.call('makeupCheckin', { body: { date } })))
      await calendar.reload()
    })
  }

  return (
    <View className='page checkin'>
      <View className='card checkin__summary'>
        {latest ? (
          <>
            <Text className='checkin-streak'>{streakText(latest.streak)}</Text>
            <Text className='checkin-next'>{nextBonusText(latest.nextBonus) ?? (latest.checkedInToday ? '今日已签到' : '今日还未签到')}</Text>
          </>
        ) : (
          <Skeleton rows={1} animated />
        )}
      </View>

      <View className='card checkin__calendar'>
        <View className='checkin__months'>
          <Text className='checkin-prev' onClick={() => viewing && setMonth(addMonths(viewing, -1))}>
            ‹ 上月
          </Text>
          <Text className='checkin-month'>{viewing ? monthTitle(viewing) : ''}</Text>
          <Text
            className={`checkin-next-month${!viewing || viewing === current ? ' checkin-next-month--disabled' : ''}`}
            onClick={() => viewing && current && viewing < current && setMonth(addMonths(viewing, 1))}
          >
            下月 ›
          </Text>
        </View>
        {shown ? (
          <MonthGrid calendar={shown} onMakeup={(date) => !busy && void makeup(date, shown.makeup)} />
        ) : calendar.error ? (
          <LoadFailed block='checkin' layout='stacked' what='签到记录' phrase='unavailable' error={calendar.error} onRetry={calendar.reload} />
        ) : (
          <Skeleton rows={5} animated />
        )}
      </View>
      {shown ? <MakeupHint calendar={shown} /> : null}
    </View>
  )
}

const monthTitle = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5))}月`

function MonthGrid({ calendar, onMakeup }: { calendar: CheckinCalendar; onMakeup: (date: string) => void }) {
  return (
    <View className='checkin-grid'>
      {WEEKDAYS.map((w) => (
        <Text key={w} className='checkin-grid__weekday'>
          {w}
        </Text>
      ))}
      {monthGrid(calendar).map((cell, i) => (cell ? <Day key={cell.date} cell={cell} onMakeup={onMakeup} /> : <View key={`blank-${i}`} className='checkin-cell' />))}
    </View>
  )
}

function Day({ cell, onMakeup }: { cell: DayCell; onMakeup: (date: string) => void }) {
  const classes = ['checkin-cell', `checkin-cell--${cell.state}`, cell.isToday && 'checkin-cell--today', cell.makeup && 'checkin-cell--makeup', cell.bonus > 0 && 'checkin-cell--bonus']
  const mark = cell.makeup ? '补' : cell.bonus > 0 ? `+${cell.bonus}` : cell.state === 'checked' ? '✓' : cell.state === 'makeup-able' ? '补签' : cell.isToday ? '今天' : ''
  return (
    <View className={classes.filter(Boolean).join(' ')} onClick={cell.state === 'makeup-able' ? () => onMakeup(cell.date) : undefined}>
      <Text className='checkin-cell__day'>{cell.day}</Text>
      <Text className='checkin-cell__mark'>{mark}</Text>
    </View>
  )
}

function MakeupHint({ calendar }: { calendar: CheckinCalendar }) {
  const { cost, used, max } = calendar.makeup
  if (calendar.month !== calendar.today.slice(0, 7) || max === 0) return null
  return (
    <Text className='muted checkin-makeup-hint'>
      {used < max ? `每次补签消耗 ${cost} 积分，本月已补签 ${used}/${max} 次` : `本月 ${max} 次补签机会已用完`}
    </Text>
  )
}
