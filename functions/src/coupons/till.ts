import { discountFor } from '@siyu/shared/rules/coupon-discount'
import type { TillCouponResult } from '@siyu/shared/schemas/coupons'
import { couponConfirmPart, couponHoldPart, couponRedeemPart, couponReleasePart, couponUndoPart } from '../entities/coupon'
import type { Table } from '../lib/db'
import { DomainError } from '../lib/errors'
import type { Clock } from '../lib/ids'
import type { Part, TransactItem } from '../lib/transact'
import { takeRateToken } from '../staff/staff-auth'
import { findOrder } from '../entities/order'
import { statusOf, type CouponItem } from './coupon-item'
import { answer, assertOwnStore, commit, load, notFound, usable, without, type Staff, type TillDeps } from './till-state'

export type { Staff, TillDeps } from './till-state'

/** How long a hold keeps a coupon for one order, and how long a redemption can be voided. */
export const HOLD_MINUTES = 10
export const VOID_MINUTES = 15

/**
 * Every till action starts here: one token of the caller's allowance (shared with scans and
 * purchases; refused attempts count too), then the coupon — in the template's stores, and not
 * another store's hold or redemption under this order id.
 */
async function begin(deps: TillDeps, staff: Staff, code: string, orderId: string): Promise<CouponItem> {
  await takeRateToken(deps, staff.staffId, deps.rules.till.actionsPerMinute)
  const c = await load(deps, code, staff)
  assertOwnStore(c, orderId, staff)
  return c
}

/** What hold and redeem both start with: the coupon free for this order and its discount — or the answer given before (a retry). */
async function prepareTake(deps: TillDeps, staff: Staff, code: string, orderId: string, amountFen: number, now: Date): Promise<{ answer: TillCouponResult } | { c: CouponItem; discountFen: number }> {
  const c = await begin(deps, staff, code, orderId)
  if (c.state === 'used' && c.redemption?.orderId === orderId) return { answer: answer(c, orderId, now) }
  const refusal = usable(c, orderId, now)
  if (refusal) throw refusal
  const d = discountFor(c.benefit, amountFen)
  if (!d.applicable) throw new DomainError('coupon.not_applicable', d.reason)
  return { c, discountFen: d.discountFen }
}

/** Holds the coupon for an order for HOLD_MINUTES with its discount; again for the same order refreshes it. */
export async function holdCoupon(deps: TillDeps, staff: Staff, code: string, orderId: string, amountFen: number): Promise<TillCouponResult> {
  const now = deps.clock()
  const taking = await prepareTake(deps, staff, code, orderId, amountFen, now)
  if ('answer' in taking) return taking.answer
  const { c, discountFen } = taking
  const until = new Date(now.getTime() + HOLD_MINUTES * 60_000).toISOString()
  const hold = { orderId, until, amountFen, discountFen, storeId: staff.storeId, staffId: staff.staffId }
  const held = await commit(deps, staff, c, {
    action: 'hold', orderId, amountFen, after: { ...c, state: 'held', heldFor: hold }, part: couponHoldPart(deps.table, code, hold, now.toISOString()),
  })
  return held ? answer(held, orderId, now) : refuseAfterRace(deps, code, orderId, staff)
}

/** The order's live hold, or why there is none. */
function heldBy(c: CouponItem, orderId: string, now: Date): NonNullable<CouponItem['heldFor']> {
  if (c.state !== 'held' || c.heldFor?.orderId !== orderId) throw usable(c, orderId, now) ?? new DomainError('coupon.not_held', '请先锁定此券再确认')
  if (c.heldFor.until <= now.toISOString()) throw new DomainError('coupon.hold_expired', '锁定已超时，请重新锁定')
  return c.heldFor
}

/** Turns the order's hold into a redemption; a repeat for the same order answers the same. */
export async function confirmCoupon(deps: TillDeps, staff: Staff, code: string, orderId: string): Promise<TillCouponResult> {
  const now = deps.clock()
  const c = await begin(deps, staff, code, orderId)
  if (c.state === 'used' && c.redemption?.orderId === orderId) return answer(c, orderId, now)
  const hold = heldBy(c, orderId, now)
  const redemption = { orderId, at: now.toISOString(), amountFen: hold.amountFen, discountFen: hold.discountFen, storeId: staff.storeId, staffId: staff.staffId }
  const used = await commit(deps, staff, c, {
    action: 'confirm', orderId, amountFen: hold.amountFen, part: couponConfirmPart(deps.table, code, redemption), after: { ...without(c, 'heldFor'), state: 'used', redemption },
  })
  return used ? answer(used, orderId, now) : refuseAfterRace(deps, code, orderId, staff)
}

/** Gives the coupon back from an order's hold; releasing what is not held by it changes nothing (and records nothing). */
export async function releaseCoupon(deps: TillDeps, staff: Staff, code: string, orderId: string): Promise<TillCouponResult> {
  const now = deps.clock()
  const c = await begin(deps, staff, code, orderId)
  if (c.state !== 'held' || c.heldFor?.orderId !== orderId) return answer(c, orderId, now)
  const released = await commit(deps, staff, c, {
    action: 'release', orderId, amountFen: c.heldFor.amountFen, after: { ...without(c, 'heldFor'), state: 'available' },
    part: couponReleasePart(deps.table, code, orderId, staff.storeId),
  })
  return answer(released ?? (await load(deps, code, staff)), orderId, now)
}

/** Hold and confirm at once: one conditioned write from free to used. */
export async function redeemCoupon(deps: TillDeps, staff: Staff, code: string, orderId: string, amountFen: number): Promise<TillCouponResult> {
  const now = deps.clock()
  const taking = await prepareTake(deps, staff, code, orderId, amountFen, now)
  if ('answer' in taking) return taking.answer
  const { c, discountFen } = taking
  const redemption = { orderId, at: now.toISOString(), amountFen, discountFen, storeId: staff.storeId, staffId: staff.staffId }
  const used = await commit(deps, staff, c, {
    action: 'redeem', orderId, amountFen, after: { ...without(c, 'heldFor'), state: 'used', redemption }, part: couponRedeemPart(deps.table, code, redemption),
  })
  return used ? answer(used, orderId, now) : refuseAfterRace(deps, code, orderId, staff)
}

/** Undoes this store's redemption within VOID_MINUTES: the coupon is the member's to use again. */
export async function voidCoupon(deps: TillDeps, staff: Staff, code: string, orderId: string): Promise<TillCouponResult> {
  const now = deps.clock()
  const c = await begin(deps, staff, code, orderId)
  if (c.state !== 'used' && c.undone?.orderId === orderId) return answer(c, orderId, now)
  if (c.state !== 'used' || c.redemption?.orderId !== orderId) throw new DomainError('coupon.not_usable', '此券未被该订单使用', { status: statusOf(c, now) })
  // A coupon redeemed with a recorded purchase went into its points and growth: only voiding the
  // purchase undoes both (the purchase and its coupon were written in one transaction, so this read is safe).
  const order = await findOrder(deps.table, orderId)
  if (order?.couponCode === code) throw new DomainError('coupon.void_via_purchase', '此券随消费一起核销，请撤销该笔消费')
  const earliest = new Date(now.getTime() - VOID_MINUTES * 60_000).toISOString()
  if (c.redemption.at < earliest) throw new DomainError('coupon.void_window_passed', `核销超过 ${VOID_MINUTES} 分钟，不能撤销`)
  const undone = { orderId, at: now.toISOString(), why: 'void' as const, storeId: staff.storeId }
  const back = await commit(deps, staff, c, {
    action: 'void', orderId, amountFen: c.redemption.amountFen, after: { ...without(c, 'redemption'), state: 'available', undone },
    part: couponUndoPart(deps.table, code, 'coupon', undone, { storeId: staff.storeId, notBefore: earliest }),
  })
  return back ? answer(back, orderId, now) : refuseAfterRace(deps, code, orderId, staff)
}

/** A conditioned write lost: say why, from the coupon as it is now. */
async function refuseAfterRace(deps: TillDeps, code: string, orderId: string, staff: Staff): Promise<never> {
  const c = await load(deps, code, staff)
  assertOwnStore(c, orderId, staff)
  throw usable(c, orderId, deps.clock()) ?? new DomainError('coupon.held_by_other_order', '此券正被另一笔订单使用')
}

/**
 * For a refund of an order that used a coupon (the refund capability adds it to its own
 * transaction): gives the coupon back if its template says so, else nothing. Null = keep it used.
 * The coupon no longer used by that order is 'retry' (plan the refund again from a fresh read).
 */
export function couponReturnPart(table: Table, c: CouponItem, orderId: string, now: Date): Part<'couponReturn'> | null {
  if (!c.returnOnRefund || c.state !== 'used' || c.redemption?.orderId !== orderId) return null
  return couponUndoPart(table, c.code, 'couponReturn', { orderId, at: now.toISOString(), why: 'refund', storeId: c.redemption.storeId })
}

/** @deprecated the raw item of `couponReturnPart`, for callers still on positional side items. */
export const couponReturnItem = (table: Table, c: CouponItem, orderId: string, now: Date): TransactItem | null => couponReturnPart(table, c, orderId, now)?.item ?? null

const holdLapsed = () => new DomainError('coupon.not_held', '优惠券锁定已失效，请重新锁定')

/**
 * For a purchase that redeems the coupon its order holds (the purchase adds this to its own
 * transaction, with its own rate token and audit entry): the confirm as a part (its hold gone
 * meanwhile: `coupon.not_held`), and the discount the hold computed. Only the store that holds it can.
 */
export async function heldCouponConfirmPart(
  deps: { table: Table; clock: Clock }, staff: Staff, code: string, order: { memberId: string; orderId: string; amountFen: number },
): Promise<{ part: Part<'coupon'>; discountFen: number }> {
  const now = deps.clock()
  const { orderId } = order
  const c = await load(deps, code, staff)
  if (c.memberId !== order.memberId) throw notFound()
  assertOwnStore(c, orderId, staff)
  const hold = heldBy(c, orderId, now)
  // The discount was computed for the held amount; another amount could be below the threshold.
  if (hold.amountFen !== order.amountFen) {
    throw new DomainError('coupon.hold_amount_mismatch', `锁定时的订单金额为 ${(hold.amountFen / 100).toFixed(2)} 元，与本次消费金额不符，请重新锁定`)
  }
  const redemption = { orderId, at: now.toISOString(), amountFen: hold.amountFen, discountFen: hold.discountFen, storeId: staff.storeId, staffId: staff.staffId }
  return { discountFen: hold.discountFen, part: couponConfirmPart(deps.table, code, redemption, holdLapsed) }
}

/** @deprecated `heldCouponConfirmPart` with the part spread (`item`, `name`, `onConditionFailed`), for the purchase's current call. */
export async function heldCouponConfirmItem(...args: Parameters<typeof heldCouponConfirmPart>): Promise<Part<'coupon'> & { discountFen: number }> {
  const { part, discountFen } = await heldCouponConfirmPart(...args)
  return { ...part, discountFen }
}

/**
 * For voiding a purchase that used a coupon: gives it back whatever the template says about
 * refunds. The coupon no longer used by that order is 'retry' (plan the void again).
 */
export function couponVoidPart(table: Table, code: string, orderId: string, now: Date): Part<'couponVoid'> {
  return couponUndoPart(table, code, 'couponVoid', { orderId, at: now.toISOString(), why: 'void' })
}

/** @deprecated the raw item of `couponVoidPart`, for callers still on positional side items. */
export const couponVoidItem = (table: Table, code: string, orderId: string, now: Date): TransactItem => couponVoidPart(table, code, orderId, now).item
