import { addDays, cycleStrip, dayInCycle, daysInMonth, nextBonus, rewardFor } from './checkin'
import { defaultProgramRules } from './program-rules'

const rules = defaultProgramRules().checkin

describe('check-in rewards', () => {
  it('pays 10 a day and +30 on day 7, then the cycle restarts', () => {
    expect([1, 2, 6, 7, 8, 13, 14, 15].map((s) => rewardFor(s, rules))).toEqual([
      { points: 10, bonus: 0 }, { points: 10, bonus: 0 }, { points: 10, bonus: 0 }, { points: 40, bonus: 30 },
      { points: 10, bonus: 0 }, { points: 10, bonus: 0 }, { points: 40, bonus: 30 }, { points: 10, bonus: 0 },
    ])
    expect(dayInCycle(7, 7)).toBe(7)
    expect(dayInCycle(8, 7)).toBe(1)
  })

  it('supports several bonuses in a longer cycle', () => {
    const r = { basePoints: 5, cycleDays: 30, bonuses: [{ day: 3, points: 5 }, { day: 30, points: 100 }] }
    expect(rewardFor(3, r)).toEqual({ points: 10, bonus: 5 })
    expect(rewardFor(33, r)).toEqual({ points: 10, bonus: 5 })
    expect(nextBonus(3, r)).toEqual({ streak: 30, inCheckins: 27, points: 100 })
  })

  it('tells how many check-ins until the next bonus', () => {
    expect(nextBonus(0, rules)).toEqual({ streak: 7, inCheckins: 7, points: 30 })
    expect(nextBonus(6, rules)).toEqual({ streak: 7, inCheckins: 1, points: 30 })
    expect(nextBonus(7, rules)).toEqual({ streak: 14, inCheckins: 7, points: 30 })
    expect(nextBonus(3, { ...rules, bonuses: [] })).toBeNull()
  })

  it('draws the 7-day strip before and after today’s check-in', () => {
    const before = cycleStrip(2, false, rules)
    expect(before.map((d) => d.checked)).toEqual([true, true, false, false, false, false, false])
    expect(before.map((d) => d.next)).toEqual([false, false, true, false, false, false, false])
    expect(before[6]).toMatchObject({ day: 7, points: 40, bonus: 30 })
    const after = cycleStrip(7, true, rules)
    expect(after.every((d) => d.checked)).toBe(true)
    // Day 8 starts a new cycle: nothing checked yet in it.
    expect(cycleStrip(7, false, rules).map((d) => d.checked)).toEqual(Array(7).fill(false))
  })

  it('shows a window of a longer cycle around the next check-in', () => {
    const strip = cycleStrip(19, false, { basePoints: 10, cycleDays: 30, bonuses: [{ day: 21, points: 50 }] })
    expect(strip.map((d) => d.day)).toEqual([17, 18, 19, 20, 21, 22, 23])
    expect(strip.find((d) => d.next)?.day).toBe(20)
    expect(strip.find((d) => d.day === 21)?.bonus).toBe(50)
  })

  it('does calendar arithmetic across month, year and leap-day edges', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29')
    expect(daysInMonth('2028-02')).toBe(29)
    expect(daysInMonth('2026-11')).toBe(30)
  })
})
