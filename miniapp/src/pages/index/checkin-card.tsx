import { Text, View } from '@tarojs/components'
import { cycleStrip } from '@siyu/shared/rules/checkin'
import { api, messageFor } from '@/api'
import { Button, Skeleton } from '@/components/ui'
import { checkinToast, nextBonusText, streakText } from '@/lib/checkin-text'
import { showNotice } from '@/lib/feedback'
import { useBusy } from '@/lib/use-busy'
import { goCheckinCalendar } from '@/lib/nav'
import type { CheckinCalendarState } from '@/store/checkins'
import type { Program } from '@/store/program'

interface Props {
  calendar: CheckinCalendarState
  /** Without the rules the card still checks in; it only cannot draw the strip. */
  rules: Program['checkin'] | undefined
  /** Points changed: the page refreshes its balance. */
  onCheckedIn: () => Promise<void>
}

/** 首页 check-in card: the week's strip, the streak, the next bonus and the 签到 button. */
export function CheckinCard({ calendar, rules, onCheckedIn }: Props) {
  const [busy, run] = useBusy()
  const { data, error } = calendar

  const checkIn = () =>
    run(async () => {
      showNotice(checkinToast(await api.call('checkIn')))
      await Promise.all([calendar.reload(), onCheckedIn()])
    })

  return (
    <View className='card home-checkin'>
      <View className='home-checkin__head'>
        <Text className='card__title home-checkin__title'>每日签到</Text>
        <Text className='home-checkin-calendar' onClick={goCheckinCalendar}>
          签到日历 ›
        </Text>
      </View>
      {data ? (
        <>
          <Text className='home-checkin-streak'>{streakText(data.streak)}</Text>
          {rules ? <Strip streak={data.streak} checkedInToday={data.checkedInToday} rules={rules} /> : null}
          {data.nextBonus ? <Text className='home-checkin-next'>{nextBonusText(data.nextBonus)}</Text> : null}
          <Button
            className='home-checkin-submit'
            type='primary'
            block
            disabled={data.checkedInToday}
            loading={busy}
            onClick={() => void checkIn()}
          >
            {data.checkedInToday ? '今日已签到' : '签到'}
          </Button>
        </>
      ) : error ? (
        <View className='home-checkin__error'>
          <Text className='muted'>签到信息暂时无法加载：{messageFor(error)}</Text>
          <Button className='home-checkin-retry' size='small' onClick={() => void calendar.reload()}>
            重试
          </Button>
        </View>
      ) : (
        <Skeleton rows={2} animated />
      )}
    </View>
  )
}

function Strip({ streak, checkedInToday, rules }: { streak: number; checkedInToday: boolean; rules: Program['checkin'] }) {
  return (
    <View className='home-checkin__strip'>
      {cycleStrip(streak, checkedInToday, rules).map((d) => {
        const modifiers = [d.checked && 'checked', d.next && 'next', d.bonus > 0 && 'bonus'].filter(Boolean).map((m) => ` checkin-day--${m}`)
        return (
          <View key={d.day} className={`checkin-day${modifiers.join('')}`}>
            <Text className='checkin-day__points'>+{d.points}</Text>
            <Text className='checkin-day__label'>{d.checked ? '已签' : `第${d.day}天`}</Text>
          </View>
        )
      })}
    </View>
  )
}
