import { shanghaiDate } from '@siyu/shared/rules/business-day'
import type { TillAction } from '@siyu/shared/schemas/staff'
import { DomainError } from '../lib/errors'
import { partIf, type Part } from '../lib/transact'
import { restoreSpend, reversePurchase } from '../ledger/operations'
import { findOrder, orderUpdatePart } from '../entities/order'
import { storeAuditPutPart } from '../entities/store-audit'
import { storeDayAddPart } from '../entities/store-day'
import { growthAddPart } from '../entities/growth'
import { findTillAction, tillActionVoidPart, toTillAction, type TillActionItem } from '../entities/till-action'
import { couponVoidItem } from '../coupons/till'
import { findCoupon } from '../coupons/wallet'
import { takeMemberTillToken, takeRateToken } from './staff-auth'
import { checkOrderOfStore } from './refund'
import { recordedAction, tillKeyPart, tillRequest, type TillContext } from './till-context'

/** The ledger's refund id for a purchase's void: `:` never occurs in a refund id, so no clash. */
const VOID_REFUND_ID = 'void:purchase'

/**
 * Who may undo what: staff of the action's store only; a clerk their own action within the
 * void window; a manager any action of their store on the Shanghai day it was made.
 */
export function checkVoidAllowed(ctx: TillContext, a: TillActionItem, now: Date): void {
  const { staff, rules } = ctx
  if (a.storeId !== staff.storeId) throw new DomainError('till.other_store', '该操作不属于本门店')
  if (a.kind === 'refund') throw new DomainError('till.void_unsupported', '退款不能撤销；如需补回，请重新记录消费')
  if (staff.role === 'manager' && a.day === shanghaiDate(now)) return
  if (a.staffId !== staff.staffId) throw new DomainError('till.void_not_allowed', '只能撤销自己的操作；其他员工的操作请找店长撤销')
  const deadline = new Date(a.at).getTime() + rules.till.voidWindowMinutes * 60_000
  if (now.getTime() > deadline) {
    throw new DomainError('till.void_window_passed', `已超过 ${rules.till.voidWindowMinutes} 分钟，不能撤销；如需撤销请找店长`, { window: rules.till.voidWindowMinutes })
  }
}

/** A void's idempotency: its key is the action's (`till:{actionId}:void`); the action id is all it asks. */
const voidRequest = (actionId: string) => tillRequest(actionId, {}, 'void')

/** Marks the action voided (once), with the void's key and its audit entry. */
function voidedParts(ctx: TillContext, a: TillActionItem, now: Date): Part[] {
  const at = now.toISOString()
  return [
    tillKeyPart(ctx, voidRequest(a.actionId), a.actionId, at, a.memberId),
    // Voided meanwhile: the retry of this void finds it voided.
    tillActionVoidPart(ctx.table, a.actionId, ctx.staff.staffId, at),
    // The void is the voiding staff member's act, on the day it happened.
    storeAuditPutPart(ctx.table, { ...a, staffId: ctx.staff.staffId, day: shanghaiDate(now), requestId: ctx.requestId }, 'void', at),
  ]
}

/**
 * Undoes a purchase or a points redemption. A purchase: the points it still holds are
 * reversed (pending first), the order is voided, its growth and the day's counters are taken
 * back and its coupon is usable again; one that has refunds is refused (`till.void_after_refund`:
 * the rest is refunded instead, so a day's refunds never outlive the sale they refunded).
 * A redemption: the points go back to the expiry-month lots they were taken from
 * (`till_redemption_void`; those of a month already over expire at once). A retry of a void
 * answers with the voided action. A purchase's `action.voided` event then claws back a referral
 * it qualified and undoes provisional upgrades it caused (`events/reactions.ts`).
 */
export async function voidAction(ctx: TillContext, actionId: string): Promise<TillAction> {
  const { till } = ctx.rules
  await takeRateToken(ctx, ctx.staff.staffId, till.actionsPerMinute)
  const key = voidRequest(actionId)
  const done = await recordedAction(ctx, key)
  if (done) return voidedReplay(ctx, done)
  const found = await findTillAction(ctx.table, actionId)
  if (!found) throw new DomainError('till.action_not_found', '操作不存在')
  let replayed: boolean
  try {
    checkVoidAllowed(ctx, found, ctx.clock())
    await takeMemberTillToken(ctx, found.memberId, till.memberActionsPerMinute)
    if (found.kind === 'purchase') {
      replayed = await voidPurchase(ctx, found)
    } else replayed = await voidRedemption(ctx, found)
  } catch (err) {
    // A copy of this void may have done it meanwhile: its result is the answer, not the refusal.
    const again = err instanceof DomainError ? await recordedAction(ctx, key) : undefined
    if (again) return voidedReplay(ctx, again)
    throw err
  }
  const after = await findTillAction(ctx.table, actionId)
  if (!after) throw new Error(`voided action ${actionId} is gone`)
  return toTillAction(after, replayed)
}

function voidedReplay(ctx: TillContext, a: TillActionItem): TillAction {
  if (a.storeId !== ctx.staff.storeId) throw new DomainError('till.other_store', '该操作不属于本门店')
  return toTillAction(a, true)
}

/** Whether the void was already posted (a copy of this request did it). */
async function voidPurchase(ctx: TillContext, a: TillActionItem): Promise<boolean> {
  const { table } = ctx
  const result = await reversePurchase(ctx, {
    memberId: a.memberId, orderId: a.orderId, refundId: VOID_REFUND_ID,
    payload: { void: a.actionId },
    points: async () => {
      const order = checkOrderOfStore(await findOrder(table, a.orderId), a.storeId)
      // Undoing a refunded sale would take back counters of days the void is not about; the order's
      // `refundedFen = :read` condition makes a refund that lands meanwhile re-plan into this refusal.
      if (order.refundedFen > 0) throw new DomainError('till.void_after_refund', '该订单已有退款，不能撤销；请对剩余金额退款')
      const now = ctx.clock()
      const coupon = order.couponCode ? await findCoupon(table, order.couponCode) : undefined
      const couponBack = coupon?.state === 'used' && coupon.redemption?.orderId === order.orderId ? coupon.code : null
      const points = order.points - order.reversedPoints
      const unpaid = order.paidFen - order.refundedFen
      return {
        points,
        sideParts: [
          orderUpdatePart(table, order, { refundedFen: order.refundedFen, reversedPoints: order.points, status: 'voided' }),
          ...voidedParts(ctx, a, now),
          storeDayAddPart(table, a.storeId, a.day, {
            voids: 1, purchases: -1, purchaseFen: -order.amountFen, pointsIssued: -order.points,
            couponsRedeemed: order.couponCode ? -1 : 0, discountFen: -a.discountFen,
          }),
          growthAddPart(table, order.memberId, order.month, -unpaid),
          ...partIf(couponBack !== null, () => ({ name: 'coupon', item: couponVoidItem(table, couponBack!, order.orderId, now) })),
        ],
      }
    },
  })
  return result?.replayed ?? false
}

async function voidRedemption(ctx: TillContext, a: TillActionItem): Promise<boolean> {
  const now = ctx.clock()
  const result = await restoreSpend(ctx, ctx.rules, {
    memberId: a.memberId, spendKey: `redemption:${a.orderId}`, key: `redemption:${a.orderId}:void`, code: 'till_redemption_void', ref: a.orderId,
    note: `撤销积分抵扣（订单 ${a.orderId}）`,
    sideParts: [
      ...voidedParts(ctx, a, now),
      storeDayAddPart(ctx.table, a.storeId, a.day, { voids: 1, redemptions: -1, pointsRedeemed: -a.points, discountFen: -a.discountFen }),
    ],
  })
  return result?.replayed ?? false
}
