import { daysInMonth } from '@siyu/shared/rules/checkin'
import type { CheckinCalendar } from '@/store/checkins'

export type DayState = 'checked' | 'makeup-able' | 'missed' | 'today' | 'future'

export interface DayCell {
  date: string
  day: number
  state: DayState
  /** Filled by a make-up (补签). */
  makeup: boolean
  /** Bonus points paid that day. */
  bonus: number
  isToday: boolean
}

export const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日']

/** The month as weeks starting on Monday: blanks (null) before the 1st, then one cell per day. */
export function monthGrid(calendar: CheckinCalendar): (DayCell | null)[] {
  const { month, today } = calendar
  const checked = new Map(calendar.days.map((d) => [d.date, d]))
  const makeupDates = new Set(calendar.makeupDates)
  const firstWeekday = new Date(`${month}-01T00:00:00Z`).getUTCDay() // 0 = Sunday
  const blanks: null[] = Array.from({ length: (firstWeekday + 6) % 7 }, () => null)
  const cells = Array.from({ length: daysInMonth(month) }, (_, i): DayCell => {
    const date = `${month}-${String(i + 1).padStart(2, '0')}`
    const day = checked.get(date)
    return { date, day: i + 1, state: stateOf(date, today, !!day, makeupDates.has(date)), makeup: !!day?.makeup, bonus: day?.bonus ?? 0, isToday: date === today }
  })
  return [...blanks, ...cells]
}

function stateOf(date: string, today: string, checked: boolean, makeupAble: boolean): DayState {
  if (checked) return 'checked'
  if (makeupAble) return 'makeup-able'
  if (date === today) return 'today'
  return date > today ? 'future' : 'missed'
}
