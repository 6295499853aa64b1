import { z } from 'zod'
import type { Coupon, CouponsPage, MyCouponsQuery } from '@siyu/shared/schemas/coupons'
import { findCouponItem, queryMemberCoupons, walletKeyAt, walletKeyOf } from '../entities/coupon'
import type { Table } from '../lib/db'
import { decodeCursor, encodeCursor } from '../lib/cursor'
import { DomainError } from '../lib/errors'
import { statusOf, toCoupon, type CouponItem } from './coupon-item'

export const findCoupon = (table: Table, code: string): Promise<CouponItem | undefined> => findCouponItem(table, code)

export async function getMyCoupon(table: Table, memberId: string, code: string, now: Date): Promise<Coupon> {
  const c = await findCoupon(table, code)
  // Another member's code answers like a missing one: codes are not to be probed.
  if (!c || c.memberId !== memberId) throw new DomainError('coupon.not_found', '优惠券不存在')
  return toCoupon(c, now)
}

const WalletPosition = z.object({ claimedAt: z.iso.datetime(), code: z.string().regex(/^\d{18}$/) })

/**
 * A member's coupons of one status, newest first. Status depends on the time (expiry, lapsed
 * holds), so it is filtered here, reading on until the page is full; the cursor is the last key.
 */
export async function listMyCoupons(table: Table, memberId: string, q: MyCouponsQuery, now: Date): Promise<CouponsPage> {
  const items: CouponItem[] = []
  const scope = `coupons:${memberId}:${q.status}`
  const after = decodeCursor(q.cursor, scope, WalletPosition)
  let start: Record<string, unknown> | undefined = after ? walletKeyAt(memberId, after.claimedAt, after.code) : undefined
  let last: Record<string, unknown> | undefined
  do {
    const page = await queryMemberCoupons(table, memberId, start, 100)
    for (const item of page.items) {
      if (items.length === q.limit) break
      last = walletKeyOf(item)
      if (statusOf(item, now) === q.status) items.push(item)
    }
    start = items.length === q.limit ? last : page.next
    if (items.length === q.limit) break
  } while (start)
  const more = items.length === q.limit && start !== undefined
  const lastItem = items[items.length - 1]
  return { items: items.map((c) => toCoupon(c, now)), nextCursor: more && lastItem ? encodeCursor(scope, { claimedAt: lastItem.claimedAt, code: lastItem.code }) : null }
}
