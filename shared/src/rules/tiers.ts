import type { ProgramRules, Tier } from './program-rules'
import { addMonths } from './points-expiry'

/**
 * Tier arithmetic shared by the functions and the app. Growth is counted in fen over a window
 * of 12 Shanghai calendar months ending with the current one.
 */
export const GROWTH_WINDOW_MONTHS = 12

/** The months (YYYY-MM, oldest first) whose growth counts in `month`. */
export function growthWindow(month: string): { from: string; to: string } {
  return { from: addMonths(month, -(GROWTH_WINDOW_MONTHS - 1)), to: month }
}

/** The highest tier (index into the ladder) that `growthFen` reaches. */
export function tierIndexFor(tiers: readonly Pick<Tier, 'thresholdFen'>[], growthFen: number): number {
  let index = 0
  tiers.forEach((t, i) => {
    if (growthFen >= t.thresholdFen) index = i
  })
  return index
}

/** Purchase points: whole CNY paid × the rate × the tier's multiplier, plus its member-day extra; rounded down. */
export function purchasePoints(paidFen: number, rules: Pick<ProgramRules, 'earning'>, tier: Pick<Tier, 'multiplierPercent' | 'memberDayBonusPercent'>, memberDay: boolean): number {
  const base = Math.floor(paidFen / 100) * rules.earning.pointsPerYuan
  const percent = tier.multiplierPercent + (memberDay ? tier.memberDayBonusPercent : 0)
  return Math.floor((base * percent) / 100)
}

/** Shanghai weekday (0 = Sunday) of an instant. */
export const shanghaiWeekday = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).getUTCDay()

const pad = (n: number) => String(n).padStart(2, '0')

/**
 * The anniversary of `date` (YYYY-MM-DD) `years` later; 29 February falls on 28 February in a
 * common year.
 */
export function anniversary(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number)
  const year = y + years
  const last = new Date(Date.UTC(year, m, 0)).getUTCDate()
  return `${year}-${pad(m)}-${pad(Math.min(d, last))}`
}

/** The first anniversary of `anchor` after `after` (both YYYY-MM-DD). */
export function nextAnniversary(anchor: string, after: string): string {
  for (let n = 1; ; n++) {
    const day = anniversary(anchor, n)
    if (day > after) return day
  }
}
