/** Order and refund numbers the till proposes (the clerk may type the POS's own instead). */

/** What the API accepts as an order or refund number. */
export const ORDER_ID = /^[A-Za-z0-9_-]{1,64}$/

const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ'
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000

/** `yyMMddHHmmss` in Shanghai time: numbers sort by time and read like a receipt. */
function stamp(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().replace(/\D/g, '').slice(2, 14)
}

/**
 * A new number: prefix, Shanghai time to the second and 6 random characters (no 0/O, 1/I),
 * e.g. `SO261125143012K3F9QX`. It only has to be unique, not secret, so Math.random is enough
 * (weapp has no crypto.getRandomValues).
 */
function newId(prefix: string, at: Date, random: () => number): string {
  const noise = Array.from({ length: 6 }, () => ALPHABET[Math.floor(random() * ALPHABET.length)]).join('')
  return `${prefix}${stamp(at)}${noise}`
}

export const newOrderId = (at: Date = new Date(), random: () => number = Math.random) => newId('SO', at, random)
export const newRefundId = (at: Date = new Date(), random: () => number = Math.random) => newId('RF', at, random)

/** An inline message for a typed order / refund number, or null when the API will accept it. */
export function orderIdError(value: string, what = '订单号'): string | null {
  if (!value.trim()) return `请输入${what}`
  return ORDER_ID.test(value.trim()) ? null : `${what}只能包含字母、数字、-、_（最多 64 位）`
}
