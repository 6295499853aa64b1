import type { CheckinCalendar } from '@/store/checkins'
import { monthGrid } from './month-grid'

const calendar: CheckinCalendar = {
  month: '2026-11',
  today: '2026-11-25',
  checkedInToday: false,
  streak: 2,
  nextBonus: { points: 30, inCheckins: 5, date: '2026-11-29' },
  days: [
    { date: '2026-11-02', points: 10, bonus: 0, makeup: true },
    { date: '2026-11-23', points: 10, bonus: 0, makeup: false },
    { date: '2026-11-24', points: 40, bonus: 30, makeup: false },
  ],
  makeupDates: ['2026-11-20', '2026-11-22'],
  makeup: { cost: 20, reward: 10, used: 1, max: 2 },
}

describe('monthGrid', () => {
  it('starts the weeks on Monday (1 November 2026 is a Sunday: six blanks)', () => {
    const cells = monthGrid(calendar)
    expect(cells.slice(0, 7).map((c) => c?.day ?? null)).toEqual([null, null, null, null, null, null, 1])
    expect(cells.filter(Boolean)).toHaveLength(30)
  })

  it('marks checked, made-up, bonus, make-up-able, missed, today and future days', () => {
    const byDay = new Map(monthGrid(calendar).flatMap((c) => (c ? [[c.day, c] as const] : [])))
    expect(byDay.get(2)).toMatchObject({ state: 'checked', makeup: true })
    expect(byDay.get(24)).toMatchObject({ state: 'checked', makeup: false, bonus: 30 })
    expect(byDay.get(22)?.state).toBe('makeup-able')
    expect(byDay.get(21)?.state).toBe('missed')
    expect(byDay.get(25)).toMatchObject({ state: 'today', isToday: true })
    expect(byDay.get(26)?.state).toBe('future')
  })
})
