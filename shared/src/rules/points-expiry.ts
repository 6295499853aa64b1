import { shanghaiMonth } from './business-day'

/** Lot key of points that never expire; sorts after every real month. */
export const NEVER_EXPIRES = '9999-12'

/** Adds whole months to a YYYY-MM month. */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number)
  const index = y * 12 + (m - 1) + n
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`
}

/**
 * The expiry month of points earned at `earnedAt`: they expire at the end of the Nth month
 * after the (Shanghai) month they were earned in. N = 0 means they never expire.
 */
export function expiryMonthFor(earnedAt: Date, months: number): string {
  return months === 0 ? NEVER_EXPIRES : addMonths(shanghaiMonth(earnedAt), months)
}

/** The instant a lot expires: the first moment of the following month, Shanghai time (UTC+8). */
export function expiresAt(month: string): Date | null {
  if (month === NEVER_EXPIRES) return null
  const [y, m] = addMonths(month, 1).split('-').map(Number)
  return new Date(Date.UTC(y, m - 1, 1) - 8 * 60 * 60 * 1000)
}

/** The last Shanghai calendar day on which a lot's points can still be used (YYYY-MM-DD). */
export function lastDayOf(month: string): string {
  const [y, m] = month.split('-').map(Number)
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`
}
