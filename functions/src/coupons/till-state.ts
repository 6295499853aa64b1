import { shanghaiDate } from '@siyu/shared/rules/business-day'
import type { ProgramRules } from '@siyu/shared/rules/program-rules'
import type { TillCouponResult } from '@siyu/shared/schemas/coupons'
import { couponAuditPart, type CouponTillAction } from '../entities/coupon-audit'
import type { Table } from '../lib/db'
import { DomainError } from '../lib/errors'
import type { Clock } from '../lib/ids'
import { withRetry, type Backoff } from '../lib/retry'
import { TransactionRaced, transact, type Part } from '../lib/transact'
import { statusOf, type CouponItem } from './coupon-item'
import { findCoupon } from './wallet'

export interface TillDeps {
  table: Table
  clock: Clock
  /** Recorded in each action's audit entry. */
  requestId: string
  /** `till.actionsPerMinute`: the allowance coupon actions share with scans and purchases. */
  rules: { till: Pick<ProgramRules['till'], 'actionsPerMinute'> }
  backoff?: Backoff
}

export interface Staff {
  staffId: string
  storeId: string
}

export type CouponAction = CouponTillAction

export const notFound = () => new DomainError('coupon.not_found', '券码不存在')

/** The coupon, if the template lets the caller's store use it at all. */
export async function load(deps: { table: Table }, code: string, staff: Staff): Promise<CouponItem> {
  const c = await findCoupon(deps.table, code)
  if (!c) throw notFound()
  if (c.stores !== 'all' && !c.stores.includes(staff.storeId)) {
    throw new DomainError('coupon.out_of_scope', '此券不适用于本门店')
  }
  return c
}

/**
 * A hold, a redemption and its undoing belong to the store whose order made them (the coupon may
 * be good at every store; the order is one store's): another store can neither change nor read
 * them back under that order id. Checked here on the read and again in every write's condition.
 */
export function assertOwnStore(c: CouponItem, orderId: string, staff: Staff): void {
  const records = [c.heldFor, c.redemption, c.undone]
  if (records.some((r) => r?.orderId === orderId && r.storeId && r.storeId !== staff.storeId)) {
    throw new DomainError('till.other_store', '该订单不属于本门店')
  }
}

/** Why a coupon cannot be taken by `orderId` now, or null. */
export function usable(c: CouponItem, orderId: string, now: Date): DomainError | null {
  const status = statusOf(c, now)
  if (status === 'expired') return new DomainError('coupon.not_usable', '此券已过期', { status })
  if (now.toISOString() < c.validFrom) return new DomainError('coupon.not_usable', '此券尚未生效', { status: 'not_started' })
  if (status === 'used') return new DomainError('coupon.not_usable', '此券已使用', { status })
  if (status === 'held' && c.heldFor?.orderId !== orderId) return new DomainError('coupon.held_by_other_order', '此券正被另一笔订单使用')
  return null
}

const giftOf = (c: CouponItem) => (c.benefit.kind === 'gift' ? c.benefit.giftName : null)

/** The till's view of the coupon as it now is for `orderId`: the discount of its hold or redemption by that order. */
export function answer(c: CouponItem, orderId: string, now: Date): TillCouponResult {
  const held = c.state === 'held' && c.heldFor?.orderId === orderId ? c.heldFor : undefined
  const used = c.state === 'used' && c.redemption?.orderId === orderId ? c.redemption : undefined
  return {
    code: c.code, status: statusOf(c, now), orderId, discountFen: held?.discountFen ?? used?.discountFen ?? 0,
    giftName: giftOf(c), holdUntil: held && statusOf(c, now) === 'held' ? held.until : null,
  }
}

/** The coupon without the given parts (a confirm drops the hold, a void the redemption). */
export function without(c: CouponItem, ...parts: ('heldFor' | 'redemption')[]): CouponItem {
  const copy = { ...c }
  for (const p of parts) delete copy[p]
  return copy
}

/**
 * A till action's write: the coupon's change (a part conditioned on the state it was decided
 * from) and its immutable store-audit entry in one transaction, so there is an entry exactly when
 * the change happened. Answers the coupon as written, or undefined when it was no longer as read
 * (a lost race). Contention is retried.
 */
export async function commit(
  deps: TillDeps, staff: Staff, c: CouponItem, change: { action: CouponAction; orderId: string; amountFen: number; part: Part<'coupon'>; after: CouponItem },
): Promise<CouponItem | undefined> {
  const now = deps.clock()
  const audit = couponAuditPart(deps.table, {
    action: change.action, code: c.code, orderId: change.orderId, storeId: staff.storeId, staffId: staff.staffId, memberId: c.memberId,
    amountFen: change.amountFen, day: shanghaiDate(now), at: now.toISOString(), requestId: deps.requestId,
  })
  return withRetry(async () => {
    const failed = await transact(deps.table, [change.part, audit])
    if (!failed) return change.after
    if (failed.has('coupon')) return undefined
    // The same action for the same order at the same instant is recorded already: answer what it wrote.
    if (failed.has('audit')) return findCoupon(deps.table, c.code)
    throw new TransactionRaced(failed)
  }, { backoff: deps.backoff })
}
