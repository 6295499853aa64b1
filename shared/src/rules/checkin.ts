import type { ProgramRules } from './program-rules'

type CheckinRules = Pick<ProgramRules['checkin'], 'basePoints' | 'cycleDays' | 'bonuses'>

/** Position of a streak's day in its bonus cycle, 1-based: day 8 of a 7-day cycle is day 1. */
export const dayInCycle = (streak: number, cycleDays: number) => ((streak - 1) % cycleDays) + 1

/** What the check-in that makes the streak `streak` days long pays. */
export function rewardFor(streak: number, rules: CheckinRules): { points: number; bonus: number } {
  const bonus = rules.bonuses.find((b) => b.day === dayInCycle(streak, rules.cycleDays))?.points ?? 0
  return { points: rules.basePoints + bonus, bonus }
}

export interface NextBonus {
  /** The streak length that earns it. */
  streak: number
  /** Check-ins from now until it is paid, counting today's if not yet done (1 = the next check-in). */
  inCheckins: number
  points: number
}

/**
 * The next bonus a member can reach by checking in every day, given the current streak (which
 * includes today when `checkedInToday`). Null when the rules have no bonuses.
 */
export function nextBonus(currentStreak: number, rules: CheckinRules): NextBonus | null {
  if (rules.bonuses.length === 0) return null
  for (let s = currentStreak + 1; s <= currentStreak + rules.cycleDays; s++) {
    const { bonus } = rewardFor(s, rules)
    if (bonus > 0) return { streak: s, inCheckins: s - currentStreak, points: bonus }
  }
  return null
}

export interface StripDay {
  /** Day of the cycle, 1-based. */
  day: number
  points: number
  bonus: number
  checked: boolean
  /** The day the next check-in lands on. */
  next: boolean
}

/**
 * The 7-day strip of the home card: the days of the current cycle (or 7 days of it when the
 * cycle is longer), which are already checked in, and what each pays. `currentStreak` counts
 * today when checked in.
 */
export function cycleStrip(currentStreak: number, checkedInToday: boolean, rules: CheckinRules, width = 7): StripDay[] {
  // The streak the next check-in will make; today's when already checked in.
  const anchor = checkedInToday ? currentStreak : currentStreak + 1
  const position = dayInCycle(anchor, rules.cycleDays)
  const size = Math.min(width, rules.cycleDays)
  // A longer cycle shows a window of it around the next check-in.
  const start = Math.min(Math.max(1, position - 3), rules.cycleDays - size + 1)
  return Array.from({ length: size }, (_, i) => {
    const day = start + i
    const streak = anchor - position + day
    const { points, bonus } = rewardFor(streak, rules)
    const checked = checkedInToday ? day <= position : day < position
    return { day, points, bonus, checked, next: !checkedInToday && day === position }
  })
}

/** Calendar arithmetic on YYYY-MM-DD dates (UTC-based, so no daylight-saving surprises). */
export function addDays(date: string, n: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) + n * 86_400_000
  return new Date(t).toISOString().slice(0, 10)
}

export function daysInMonth(month: string): number {
  const [y, m] = month.split('-').map(Number)
  return new Date(Date.UTC(y, m, 0)).getUTCDate()
}
