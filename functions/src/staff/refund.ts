import { shanghaiDate } from '@siyu/shared/rules/business-day'
import type { RefundRequest, TillAction } from '@siyu/shared/schemas/staff'
import { DomainError } from '../lib/errors'
import { partIf } from '../lib/transact'
import { reversePurchase } from '../ledger/operations'
import type { IdempotentRequest } from '../entities/idempotency'
import { findOrder, orderUpdatePart, type OrderItem } from '../entities/order'
import { storeAuditPutPart } from '../entities/store-audit'
import { storeDayAddPart } from '../entities/store-day'
import { growthAddPart } from '../entities/growth'
import { tillActionPutNewPart, toTillAction, type TillActionFields } from '../entities/till-action'
import { couponReturnItem } from '../coupons/till'
import { findCoupon } from '../coupons/wallet'
import { takeMemberTillToken, takeRateToken } from './staff-auth'
import { replayOf, tillKeyPart, tillRequest, unlessRecorded, type TillContext } from './till-context'

/**
 * Points a refund reverses: the order's points in proportion to the money refunded, rounded
 * so that refunds summing to the whole payment reverse exactly the points it earned.
 */
export const refundPoints = (points: number, paidFen: number, refundedBefore: number, refundFen: number) =>
  Math.floor((points * (refundedBefore + refundFen)) / paidFen) - Math.floor((points * refundedBefore) / paidFen)

/** An order the calling staff member's store may refund or void. */
export function checkOrderOfStore(order: OrderItem | undefined, storeId: string): OrderItem {
  if (!order) throw new DomainError('till.order_not_found', '订单不存在')
  if (order.storeId !== storeId) throw new DomainError('till.other_store', '该订单不属于本门店')
  if (order.status === 'voided') throw new DomainError('till.order_voided', '该订单已撤销')
  return order
}

/**
 * Refunds (part of) an order of this store. One ledger posting (keyed by order and refund id)
 * reverses the points in proportion — pending first, then available, then debt — and carries
 * the order's new refunded total (conditioned on the total read, so concurrent refunds can
 * never exceed the order), the action, its audit entry, the day's counters, the growth taken
 * back in the purchase's month and, on a full refund, the coupon if its template returns it.
 * Its `refund.recorded` event then claws back a referral the order no longer qualifies and
 * re-evaluates provisional tier upgrades (`events/reactions.ts`).
 */
export async function recordRefund(ctx: TillContext, req: RefundRequest): Promise<TillAction> {
  const { staff } = ctx
  await takeRateToken(ctx, staff.staffId, ctx.rules.till.actionsPerMinute)
  const actionId = `ref_${req.refundId}`
  const key = tillRequest(actionId, { storeId: staff.storeId, orderId: req.orderId, amountFen: req.amountFen })
  const replay = await replayOf(ctx, key)
  if (replay) return replay
  return unlessRecorded(ctx, key, () => newRefund(ctx, req, actionId, key))
}

async function newRefund(ctx: TillContext, req: RefundRequest, actionId: string, key: IdempotentRequest): Promise<TillAction> {
  const { staff, table } = ctx
  const first = checkOrderOfStore(await findOrder(table, req.orderId), staff.storeId)
  await takeMemberTillToken(ctx, first.memberId, ctx.rules.till.memberActionsPerMinute)
  let action: TillActionFields | undefined

  const result = await reversePurchase(ctx, {
    memberId: first.memberId, orderId: req.orderId, refundId: req.refundId,
    payload: { storeId: staff.storeId, amountFen: req.amountFen },
    points: async () => {
      const order = checkOrderOfStore(await findOrder(table, req.orderId), staff.storeId)
      const left = order.paidFen - order.refundedFen
      if (req.amountFen > left) {
        throw new DomainError('till.refund_exceeds_order', `退款金额超过订单可退金额（还可退 ${(left / 100).toFixed(2)} 元）`, { refundableFen: left })
      }
      const points = refundPoints(order.points, order.paidFen, order.refundedFen, req.amountFen)
      const refundedFen = order.refundedFen + req.amountFen
      const now = ctx.clock()
      const coupon = refundedFen === order.paidFen && order.couponCode ? await findCoupon(table, order.couponCode) : undefined
      const couponBack = coupon ? couponReturnItem(table, coupon, order.orderId, now) : null
      action = {
        actionId, kind: 'refund',
        storeId: staff.storeId, staffId: staff.staffId, memberId: order.memberId, orderId: order.orderId, refundId: req.refundId,
        amountFen: req.amountFen, points, discountFen: 0, couponCode: couponBack ? order.couponCode : null,
        at: now.toISOString(), day: shanghaiDate(now), voided: false, requestId: ctx.requestId,
      }
      return {
        points,
        sideParts: [
          tillKeyPart(ctx, key, actionId, action.at, order.memberId),
          // The order changed under us: decide again.
          orderUpdatePart(table, order, { refundedFen, reversedPoints: order.reversedPoints + points }),
          // The action id taken: the refund id is in use.
          tillActionPutNewPart(table, action, () => new DomainError('idempotency.mismatch', '该退款单号已被使用', { refundId: req.refundId })),
          storeAuditPutPart(table, action, 'refund'),
          storeDayAddPart(table, staff.storeId, action.day, { refunds: 1, refundFen: req.amountFen, pointsReversed: points }),
          growthAddPart(table, order.memberId, order.month, -req.amountFen),
          ...partIf(couponBack !== null, () => ({ name: 'coupon', item: couponBack! })),
        ],
      }
    },
  })
  if (result?.replayed || !action) {
    const again = await replayOf(ctx, key)
    if (again) return again
  }
  if (!action) throw new Error(`refund ${req.refundId} posted nothing`)
  return toTillAction(action, false)
}
