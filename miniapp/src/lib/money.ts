/** Money for people: integer fen shown as yuan, never through float arithmetic. */

const thousands = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')

/** Fen as yuan with two decimals and thousands separators: 12800 → "128.00", 123456789 → "1,234,567.89". */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? '-' : ''
  const abs = Math.abs(Math.trunc(fen))
  return `${sign}${thousands(String(Math.floor(abs / 100)))}.${String(abs % 100).padStart(2, '0')}`
}

/** "¥128.00": exact, as on a receipt. */
export const money = (fen: number) => `¥${formatFen(fen)}`

/** "¥1,000" for whole yuan, "¥876.50" otherwise: amounts a member reads at a glance (thresholds, spend). */
export const moneyShort = (fen: number) => money(fen).replace(/\.00$/, '')
