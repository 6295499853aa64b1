import { UpdateCommand } from '@aws-sdk/lib-dynamodb'
import { discountFor } from '@siyu/shared/rules/coupon-discount'
import type { TillCouponResult } from '@siyu/shared/schemas/coupons'
import { getItem, isConditionFailed, type Table } from '../lib/db'
import { DomainError } from '../lib/errors'
import type { Clock } from '../lib/ids'
import { keys } from '../lib/keys'
import type { TransactItem } from '../ledger/post'
import { statusOf, type CouponItem } from './coupon-item'
import { findCoupon } from './wallet'

/** How long a hold keeps a coupon for one order, and how long a redemption can be voided. */
export const HOLD_MINUTES = 10
export const VOID_MINUTES = 15

export interface TillDeps {
  table: Table
  clock: Clock
}

export interface Staff {
  staffId: string
  storeId: string | null
}

const notFound = () => new DomainError('coupon.not_found', '券码不存在')

async function load(deps: TillDeps, code: string, staff: Staff): Promise<CouponItem> {
  const c = await findCoupon(deps.table, code)
  if (!c) throw notFound()
  if (c.stores !== 'all' && (!staff.storeId || !(c.stores as string[]).includes(staff.storeId))) {
    throw new DomainError('coupon.out_of_scope', '此券不适用于本门店')
  }
  return c
}

const result = (c: CouponItem, orderId: string, now: Date, d: { discountFen: number; giftName: string | null; holdUntil: string | null }): TillCouponResult => ({
  code: c.code, status: statusOf(c, now), orderId, ...d,
})

const giftOf = (c: CouponItem) => (c.benefit.kind === 'gift' ? c.benefit.giftName : null)

/** Why a coupon cannot be taken by `orderId` now, or null. */
function usable(c: CouponItem, orderId: string, now: Date): DomainError | null {
  const status = statusOf(c, now)
  if (status === 'expired') return new DomainError('coupon.not_usable', '此券已过期', { status })
  if (now.toISOString() < c.validFrom) return new DomainError('coupon.not_usable', '此券尚未生效', { status: 'not_started' })
  if (status === 'used') return new DomainError('coupon.not_usable', '此券已使用', { status })
  if (status === 'held' && c.heldFor?.orderId !== orderId) return new DomainError('coupon.held_by_other_order', '此券正被另一笔订单使用')
  return null
}

/**
 * The condition that the coupon is still as read: free (available, or held but the hold has
 * lapsed), inside its validity. Every till write is conditioned on it, so of two tills
 * racing for one coupon exactly one wins.
 */
const FREE = '(#state = :available OR (#state = :held AND (heldFor.orderId = :order OR heldFor.#until <= :now))) AND validTo > :now AND validFrom <= :now'
const freeValues = (orderId: string, now: string) => ({ ':available': 'available', ':held': 'held', ':order': orderId, ':now': now })

async function update(deps: TillDeps, code: string, input: Omit<ConstructorParameters<typeof UpdateCommand>[0], 'TableName' | 'Key'>): Promise<CouponItem | undefined> {
  try {
    const { Attributes } = await deps.table.db.send(new UpdateCommand({ TableName: deps.table.name, Key: keys.coupon(code), ReturnValues: 'ALL_NEW', ...input }))
    return Attributes as CouponItem
  } catch (err) {
    if (isConditionFailed(err)) return undefined
    throw err
  }
}

function discountOrRefuse(c: CouponItem, amountFen: number) {
  const d = discountFor(c.benefit, amountFen)
  if (!d.applicable) throw new DomainError('coupon.not_applicable', d.reason)
  return d
}

/**
 * What hold and redeem both start with: the coupon in scope, free for this order, and the
 * discount it gives — or the answer already given if this order has redeemed it (a retry).
 */
async function prepareTake(
  deps: TillDeps, staff: Staff, code: string, orderId: string, amountFen: number, now: Date,
): Promise<{ answer: TillCouponResult } | { discount: { discountFen: number } }> {
  const c = await load(deps, code, staff)
  if (c.state === 'used' && c.redemption?.orderId === orderId) {
    return { answer: result(c, orderId, now, { discountFen: c.redemption.discountFen, giftName: giftOf(c), holdUntil: null }) }
  }
  const refusal = usable(c, orderId, now)
  if (refusal) throw refusal
  return { discount: discountOrRefuse(c, amountFen) }
}

/** Holds the coupon for an order for HOLD_MINUTES with its discount; again for the same order refreshes it. */
export async function holdCoupon(deps: TillDeps, staff: Staff, code: string, orderId: string, amountFen: number): Promise<TillCouponResult> {
  const now = deps.clock()
  const taking = await prepareTake(deps, staff, code, orderId, amountFen, now)
  if ('answer' in taking) return taking.answer
  const d = taking.discount
  const until = new Date(now.getTime() + HOLD_MINUTES * 60_000).toISOString()
  const hold = { orderId, until, amountFen, discountFen: d.discountFen, storeId: staff.storeId, staffId: staff.staffId }
  const held = await update(deps, code, {
    UpdateExpression: 'SET #state = :held, heldFor = :hold',
    ConditionExpression: FREE,
    ExpressionAttributeNames: { '#state': 'state', '#until': 'until' },
    ExpressionAttributeValues: { ...freeValues(orderId, now.toISOString()), ':hold': hold },
  })
  if (!held) return refuseAfterRace(deps, code, orderId, staff)
  return result(held, orderId, now, { discountFen: d.discountFen, giftName: giftOf(held), holdUntil: until })
}

/** Turns the order's hold into a redemption; a repeat for the same order answers the same. */
export async function confirmCoupon(deps: TillDeps, staff: Staff, code: string, orderId: string): Promise<TillCouponResult> {
  const now = deps.clock()
  const c = await load(deps, code, staff)
  if (c.state === 'used' && c.redemption?.orderId === orderId) {
    return result(c, orderId, now, { discountFen: c.redemption.discountFen, giftName: giftOf(c), holdUntil: null })
  }
  if (c.state !== 'held' || c.heldFor?.orderId !== orderId) {
    const refusal = usable(c, orderId, now)
    throw refusal ?? new DomainError('coupon.not_held', '请先锁定此券再确认')
  }
  if (c.heldFor.until <= now.toISOString()) throw new DomainError('coupon.hold_expired', '锁定已超时，请重新锁定')
  const redemption = { orderId, at: now.toISOString(), amountFen: c.heldFor.amountFen, discountFen: c.heldFor.discountFen, storeId: staff.storeId, staffId: staff.staffId }
  const used = await update(deps, code, {
    UpdateExpression: 'SET #state = :used, redemption = :r REMOVE heldFor',
    ConditionExpression: '#state = :held AND heldFor.orderId = :order AND heldFor.#until > :now AND validTo > :now',
    ExpressionAttributeNames: { '#state': 'state', '#until': 'until' },
    ExpressionAttributeValues: { ':used': 'used', ':held': 'held', ':order': orderId, ':now': now.toISOString(), ':r': redemption },
  })
  if (!used) return refuseAfterRace(deps, code, orderId, staff)
  return result(used, orderId, now, { discountFen: redemption.discountFen, giftName: giftOf(used), holdUntil: null })
}

/** Gives the coupon back from an order's hold; releasing what is not held by it changes nothing. */
export async function releaseCoupon(deps: TillDeps, staff: Staff, code: string, orderId: string): Promise<TillCouponResult> {
  const now = deps.clock()
  const c = await load(deps, code, staff)
  const released = await update(deps, code, {
    UpdateExpression: 'SET #state = :available REMOVE heldFor',
    ConditionExpression: '#state = :held AND heldFor.orderId = :order',
    ExpressionAttributeNames: { '#state': 'state' },
    ExpressionAttributeValues: { ':available': 'available', ':held': 'held', ':order': orderId },
  })
  return result(released ?? c, orderId, now, { discountFen: 0, giftName: giftOf(c), holdUntil: null })
}

/** Hold and confirm at once: one conditioned write from free to used. */
export async function redeemCoupon(deps: TillDeps, staff: Staff, code: string, orderId: string, amountFen: number): Promise<TillCouponResult> {
  const now = deps.clock()
  const taking = await prepareTake(deps, staff, code, orderId, amountFen, now)
  if ('answer' in taking) return taking.answer
  const d = taking.discount
  const redemption = { orderId, at: now.toISOString(), amountFen, discountFen: d.discountFen, storeId: staff.storeId, staffId: staff.staffId }
  const used = await update(deps, code, {
    UpdateExpression: 'SET #state = :used, redemption = :r REMOVE heldFor',
    ConditionExpression: FREE,
    ExpressionAttributeNames: { '#state': 'state', '#until': 'until' },
    ExpressionAttributeValues: { ...freeValues(orderId, now.toISOString()), ':used': 'used', ':r': redemption },
  })
  if (!used) return refuseAfterRace(deps, code, orderId, staff)
  return result(used, orderId, now, { discountFen: d.discountFen, giftName: giftOf(used), holdUntil: null })
}

/** Undoes a redemption within VOID_MINUTES: the coupon is the member's to use again. */
export async function voidCoupon(deps: TillDeps, staff: Staff, code: string, orderId: string): Promise<TillCouponResult> {
  const now = deps.clock()
  const c = await load(deps, code, staff)
  if (c.state !== 'used' && c.undone?.orderId === orderId) return result(c, orderId, now, { discountFen: 0, giftName: giftOf(c), holdUntil: null })
  if (c.state !== 'used' || c.redemption?.orderId !== orderId) throw new DomainError('coupon.not_usable', '此券未被该订单使用', { status: statusOf(c, now) })
  // A coupon redeemed with a recorded purchase went into its points and growth: only voiding the
  // purchase undoes both (the purchase and its coupon were written in one transaction, so this read is safe).
  const order = await getItem(deps.table, keys.order(orderId))
  if (order?.couponCode === code) throw new DomainError('coupon.void_via_purchase', '此券随消费一起核销，请撤销该笔消费')
  const earliest = new Date(now.getTime() - VOID_MINUTES * 60_000).toISOString()
  if (c.redemption.at < earliest) throw new DomainError('coupon.void_window_passed', `核销超过 ${VOID_MINUTES} 分钟，不能撤销`)
  const undone = await update(deps, code, undoRedemption(orderId, now, 'void', earliest))
  if (!undone) return refuseAfterRace(deps, code, orderId, staff)
  return result(undone, orderId, now, { discountFen: 0, giftName: giftOf(undone), holdUntil: null })
}

function undoRedemption(orderId: string, now: Date, why: 'void' | 'refund', notBefore?: string) {
  return {
    UpdateExpression: 'SET #state = :available, undone = :undone REMOVE redemption',
    ConditionExpression: `#state = :used AND redemption.orderId = :order${notBefore ? ' AND redemption.#at >= :earliest' : ''}`,
    ExpressionAttributeNames: { '#state': 'state', ...(notBefore ? { '#at': 'at' } : {}) },
    ExpressionAttributeValues: {
      ':available': 'available', ':used': 'used', ':order': orderId, ':undone': { orderId, at: now.toISOString(), why },
      ...(notBefore ? { ':earliest': notBefore } : {}),
    },
  }
}

/**
 * For a refund of an order that used a coupon (the refund capability adds it to its own
 * transaction): gives the coupon back if its template says so, else nothing. Null = keep it used.
 */
export function couponReturnItem(table: Table, c: CouponItem, orderId: string, now: Date): TransactItem | null {
  if (!c.returnOnRefund || c.state !== 'used' || c.redemption?.orderId !== orderId) return null
  return { Update: { TableName: table.name, Key: keys.coupon(c.code), ...undoRedemption(orderId, now, 'refund') } }
}

/** A conditioned write lost: say why, from the coupon as it is now. */
async function refuseAfterRace(deps: TillDeps, code: string, orderId: string, staff: Staff): Promise<never> {
  const c = await load(deps, code, staff)
  throw usable(c, orderId, deps.clock()) ?? new DomainError('coupon.held_by_other_order', '此券正被另一笔订单使用')
}

/**
 * For a purchase that redeems the coupon its order holds (the purchase adds this to its own
 * transaction): the confirm as a transaction item, and the discount the hold computed.
 */
export async function heldCouponConfirmItem(
  deps: TillDeps, staff: Staff, code: string, order: { memberId: string; orderId: string; amountFen: number },
): Promise<{ item: TransactItem; discountFen: number }> {
  const now = deps.clock()
  const { orderId } = order
  const c = await load(deps, code, staff)
  if (c.memberId !== order.memberId) throw notFound()
  if (c.state !== 'held' || c.heldFor?.orderId !== orderId) throw usable(c, orderId, now) ?? new DomainError('coupon.not_held', '请先为此订单锁定优惠券')
  if (c.heldFor.until <= now.toISOString()) throw new DomainError('coupon.hold_expired', '锁定已超时，请重新锁定')
  // The discount was computed for the held amount; another amount could be below the threshold.
  if (c.heldFor.amountFen !== order.amountFen) {
    throw new DomainError('coupon.hold_amount_mismatch', `锁定时的订单金额为 ${(c.heldFor.amountFen / 100).toFixed(2)} 元，与本次消费金额不符，请重新锁定`)
  }
  const redemption = { orderId, at: now.toISOString(), amountFen: c.heldFor.amountFen, discountFen: c.heldFor.discountFen, storeId: staff.storeId, staffId: staff.staffId }
  return {
    discountFen: c.heldFor.discountFen,
    item: {
      Update: {
        TableName: deps.table.name, Key: keys.coupon(code),
        UpdateExpression: 'SET #state = :used, redemption = :r REMOVE heldFor',
        ConditionExpression: '#state = :held AND heldFor.orderId = :order AND heldFor.#until > :now AND validTo > :now',
        ExpressionAttributeNames: { '#state': 'state', '#until': 'until' },
        ExpressionAttributeValues: { ':used': 'used', ':held': 'held', ':order': orderId, ':now': now.toISOString(), ':r': redemption },
      },
    },
  }
}

/** For voiding a purchase that used a coupon: gives it back whatever the template says about refunds. */
export function couponVoidItem(table: Table, code: string, orderId: string, now: Date): TransactItem {
  return { Update: { TableName: table.name, Key: keys.coupon(code), ...undoRedemption(orderId, now, 'void') } }
}
