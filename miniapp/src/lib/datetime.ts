/** Shanghai is UTC+8 all year (no daylight saving), so the offset is a constant. */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000

/**
 * An ISO-8601 instant as Shanghai wall-clock time, `YYYY-MM-DD HH:mm`, whatever the device's
 * time zone. An unparseable value is returned unchanged rather than shown as "NaN".
 */
export function formatShanghaiTime(iso: string): string {
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) return iso
  const shifted = new Date(ms + SHANGHAI_OFFSET_MS).toISOString()
  return `${shifted.slice(0, 10)} ${shifted.slice(11, 16)}`
}
