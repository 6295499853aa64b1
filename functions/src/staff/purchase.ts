import { shanghaiDate, shanghaiMonth } from '@siyu/shared/rules/business-day'
import { purchasePoints } from '@siyu/shared/rules/tiers'
import type { PurchaseRequest, TillAction } from '@siyu/shared/schemas/staff'
import { DomainError } from '../lib/errors'
import { earnPurchase } from '../ledger/operations'
import { partIf, type Part, type TransactItem } from '../lib/transact'
import type { IdempotentRequest } from '../entities/idempotency'
import { orderPutNewPart, type OrderFields } from '../entities/order'
import { storeAuditPutPart } from '../entities/store-audit'
import { storeDayAddPart } from '../entities/store-day'
import { growthAddPart } from '../entities/growth'
import { tillActionPutNewPart, toTillAction, type TillActionFields } from '../entities/till-action'
import { heldCouponConfirmItem } from '../coupons/till'
import { memberExistsPart } from '../entities/member'
import { storeOpenPart } from '../entities/store'
import { memberCodeUse, purchaseEarning, resolveMemberCode } from '../member-code/verify'
import { takeMemberTillToken, takeRateToken } from './staff-auth'
import { memberOfCode, replayOf, tillKeyPart, tillRequest, unlessRecorded, type TillContext } from './till-context'
import { readTier } from '../tiers/tier-state'

/**
 * Records a purchase for the member whose code was scanned. One ledger posting (pending points,
 * keyed `order:{id}:earn`) carries the order, the action, its audit entry, the store's day
 * counters, the member's growth, the claim of the code's step, a check that the member exists
 * and — when the order holds one — the coupon's redemption. A retry answers with the first result.
 * What follows a sale (a tier upgrade, a referral's qualification, the member's last interaction)
 * reacts to its `purchase.recorded` event on the table's stream (`events/reactions.ts`), so the
 * clerk's answer depends on this transaction alone.
 */
export async function recordPurchase(ctx: TillContext, req: PurchaseRequest): Promise<TillAction> {
  const { staff, rules, table } = ctx
  await takeRateToken(ctx, staff.staffId, rules.till.actionsPerMinute)
  const actionId = `pur_${req.orderId}`
  const codeOwner = await memberOfCode(table, req.memberCode)
  const key = tillRequest(actionId, { storeId: staff.storeId, memberId: codeOwner ?? null, amountFen: req.amountFen, couponCode: req.couponCode ?? null })
  const replay = await replayOf(ctx, key)
  if (replay) return replay
  if (codeOwner) await takeMemberTillToken(ctx, codeOwner, rules.till.memberActionsPerMinute)
  return unlessRecorded(ctx, key, () => newPurchase(ctx, req, actionId, key))
}

async function newPurchase(ctx: TillContext, req: PurchaseRequest, actionId: string, key: IdempotentRequest): Promise<TillAction> {
  const { staff, rules, table } = ctx
  if (req.amountFen > rules.till.managerApprovalFen && staff.role !== 'manager') {
    throw new DomainError('till.manager_required', `单笔超过 ${rules.till.managerApprovalFen / 100} 元的消费需店长操作`)
  }
  const { memberId, step } = await resolveMemberCode(ctx, rules, req.memberCode)
  const coupon = req.couponCode ? await heldCouponConfirmItem(ctx, staff, req.couponCode, { memberId, orderId: req.orderId, amountFen: req.amountFen }) : undefined
  const now = ctx.clock()
  const at = now.toISOString()
  // Points and growth come from what the member pays, after the coupon; the tier multiplies the points.
  const paidFen = req.amountFen - (coupon?.discountFen ?? 0)
  const { tier } = await readTier(table, rules, memberId)
  const earning = purchaseEarning(rules, tier, now)
  const points = purchasePoints(paidFen, rules, earning, earning.memberDay)
  const action: TillActionFields = {
    actionId, kind: 'purchase',
    storeId: staff.storeId, staffId: staff.staffId, memberId, orderId: req.orderId, refundId: null, amountFen: req.amountFen,
    points, discountFen: coupon?.discountFen ?? 0, couponCode: req.couponCode ?? null, at, day: shanghaiDate(now), voided: false, requestId: ctx.requestId,
  }
  const order: OrderFields = {
    orderId: req.orderId, storeId: staff.storeId, memberId,
    amountFen: req.amountFen, paidFen, refundedFen: 0, points, reversedPoints: 0, couponCode: req.couponCode ?? null, month: shanghaiMonth(now), status: 'active', at,
  }
  const result = await earnPurchase(ctx, rules, {
    memberId, orderId: req.orderId, points, sideParts: purchaseParts(ctx, key, order, action, step, coupon?.item),
    payload: { storeId: staff.storeId, memberId, amountFen: req.amountFen, couponCode: req.couponCode ?? null },
  })
  if (result?.replayed) {
    const again = await replayOf(ctx, key)
    if (again) return again
  }
  return toTillAction(action, false)
}

/** A purchase's own parts in its posting; each names the refusal its condition stands for. */
function purchaseParts(ctx: TillContext, key: IdempotentRequest, order: OrderFields, action: TillActionFields, step: number, coupon: TransactItem | undefined): Part[] {
  const { table } = ctx
  return [
    tillKeyPart(ctx, key, action.actionId, action.at, action.memberId),
    storeOpenPart(table, action.storeId),
    orderPutNewPart(table, order),
    tillActionPutNewPart(table, action, () => 'retry'),
    storeAuditPutPart(table, action, 'purchase'),
    storeDayAddPart(table, action.storeId, action.day, {
      purchases: 1, purchaseFen: order.amountFen, pointsIssued: order.points, couponsRedeemed: coupon ? 1 : 0, discountFen: action.discountFen,
    }),
    growthAddPart(table, order.memberId, order.month, order.paidFen),
    memberCodeUse(ctx, { memberId: order.memberId, step, ref: order.orderId }),
    memberExistsPart(table, order.memberId),
    ...partIf(coupon !== undefined, () => ({ name: 'coupon', item: coupon!, onConditionFailed: () => new DomainError('coupon.not_held', '优惠券锁定已失效，请重新锁定') })),
  ]
}
