/** The business day is the Asia/Shanghai date (UTC+8, no daylight saving). */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000

/** Shanghai calendar date (YYYY-MM-DD) of an instant. */
export function shanghaiDate(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10)
}

/** Shanghai calendar month (YYYY-MM) of an instant. */
export function shanghaiMonth(at: Date): string {
  return shanghaiDate(at).slice(0, 7)
}
