/** Money at the till: typed in yuan, sent and stored as integer fen (never through a float). */
import { purchasePoints } from '@siyu/shared/rules/tiers'
import type { MemberCard } from '@siyu/shared/schemas/member-code'
import { formatFen } from '@/lib/money'

export { formatFen, money } from '@/lib/money'

/** The largest amount the API accepts for one order (1,000,000 元). */
export const MAX_FEN = 100_000_000

export type YuanParse = { ok: true; fen: number } | { ok: false; message: string }

const FULL_WIDTH_DIGIT = /[０-９]/g

/**
 * Parses what a clerk typed as an amount in yuan: `128`, `128.5`, `128.00`, `¥1,280.00`.
 * At most two decimals; the result is exact integer fen, or a message to show beside the field.
 */
export function parseYuan(text: string): YuanParse {
  const cleaned = text
    .replace(FULL_WIDTH_DIGIT, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[。．]/g, '.')
    .replace(/^\s*[¥￥]?\s*/, '')
    .replace(/\s*元?\s*$/, '')
    .replace(/,(?=\d{3}(\D|$))/g, '')
  if (!cleaned) return { ok: false, message: '请输入金额' }
  const match = /^(\d*)(?:\.(\d*))?$/.exec(cleaned)
  if (!match || (!match[1] && !match[2])) return { ok: false, message: '金额格式不正确' }
  const [, whole, fraction = ''] = match
  if (fraction.length > 2) return { ok: false, message: '金额最多两位小数' }
  if (whole.length > 9) return { ok: false, message: '金额过大' }
  const fen = Number(whole || '0') * 100 + Number(fraction.padEnd(2, '0'))
  if (fen <= 0) return { ok: false, message: '金额必须大于 0' }
  if (fen > MAX_FEN) return { ok: false, message: `金额不能超过 ${formatFen(MAX_FEN)} 元` }
  return { ok: true, fen }
}

/**
 * The points a purchase will earn on what the member pays: the server's own rule (`purchasePoints`
 * from the shared rules) with the member card's figures — the tier's multiplier and 会员日 as the
 * server decided them at the scan, never the device's clock.
 */
export const expectedPoints = (paidFen: number, earning: MemberCard['earning']) => purchasePoints(Math.max(0, paidFen), { earning }, earning, earning.memberDay)

/** The money a number of points takes off an order at the till's rate (`perYuan` points = 1 元), in fen, rounded down. */
export const redemptionValueFen = (points: number, perYuan: number) => Math.floor((points * 100) / perYuan)

export type PointsParse = { ok: true; points: number } | { ok: false; message: string }

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b))

/** Points are redeemed in steps worth whole fen: 1 at 100 points = 1 元, 2 at 200, 3 at 300… */
export const redemptionStep = (perYuan: number) => perYuan / gcd(perYuan, 100)

/** Parses the points to redeem: a whole number from 1 to `max`, in steps of `step`. */
export function parsePoints(text: string, max: number, step = 1): PointsParse {
  const cleaned = text.trim()
  if (!cleaned) return { ok: false, message: '请输入积分' }
  if (!/^\d+$/.test(cleaned)) return { ok: false, message: '积分须为整数' }
  const points = Number(cleaned)
  if (points <= 0) return { ok: false, message: '积分必须大于 0' }
  if (points > max) return { ok: false, message: `最多可使用 ${max} 积分` }
  if (points % step !== 0) return { ok: false, message: `积分须为 ${step} 的整数倍` }
  return { ok: true, points }
}
