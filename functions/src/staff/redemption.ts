import { shanghaiDate } from '@siyu/shared/rules/business-day'
import type { ProgramRules } from '@siyu/shared/rules/program-rules'
import type { RedemptionRequest, TillAction } from '@siyu/shared/schemas/staff'
import { DomainError } from '../lib/errors'
import { spend } from '../ledger/operations'
import type { IdempotentRequest } from '../entities/idempotency'
import { storeAuditPutPart } from '../entities/store-audit'
import { storeDayAddPart } from '../entities/store-day'
import { tillActionPutNewPart, toTillAction, type TillActionFields } from '../entities/till-action'
import { memberExistsPart } from '../entities/member'
import { storeOpenPart } from '../entities/store'
import { memberCodeUse, resolveMemberCode } from '../member-code/verify'
import { takeMemberTillToken, takeRateToken } from './staff-auth'
import { memberOfCode, replayOf, tillKeyPart, tillRequest, unlessRecorded, type TillContext } from './till-context'

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b))

/**
 * Points as money at the till: `redeemPointsPerYuan` points are 1 CNY. Only whole fen are
 * paid out, so points come in steps that are worth whole fen (1 point at the default rate).
 */
export function redemptionValue(points: number, till: ProgramRules['till']): { valueFen: number; step: number } {
  const step = till.redeemPointsPerYuan / gcd(till.redeemPointsPerYuan, 100)
  return { valueFen: (points * 100) / till.redeemPointsPerYuan, step }
}

/**
 * Redeems points as cash off an order of this store for the member whose code was scanned:
 * one spend posting (keyed `redemption:{orderId}`, so one redemption per order) with the
 * action, its audit entry, the day's counters, the code's step and a check that the member exists.
 */
export async function redeemPoints(ctx: TillContext, req: RedemptionRequest): Promise<TillAction> {
  const { staff, rules, table } = ctx
  await takeRateToken(ctx, staff.staffId, rules.till.actionsPerMinute)
  const actionId = `red_${req.orderId}`
  const codeOwner = await memberOfCode(table, req.memberCode)
  const key = tillRequest(actionId, { storeId: staff.storeId, memberId: codeOwner ?? null, points: req.points })
  const replay = await replayOf(ctx, key)
  if (replay) return replay
  if (codeOwner) await takeMemberTillToken(ctx, codeOwner, rules.till.memberActionsPerMinute)
  return unlessRecorded(ctx, key, () => newRedemption(ctx, req, actionId, key))
}

async function newRedemption(ctx: TillContext, req: RedemptionRequest, actionId: string, key: IdempotentRequest): Promise<TillAction> {
  const { staff, rules, table } = ctx
  if (req.points > rules.till.maxRedeemPointsPerOrder) {
    throw new DomainError('till.redemption_cap', `每笔订单最多使用 ${rules.till.maxRedeemPointsPerOrder} 积分`, { max: rules.till.maxRedeemPointsPerOrder })
  }
  const { valueFen, step } = redemptionValue(req.points, rules.till)
  if (req.points % step !== 0) throw new DomainError('till.redemption_step', `积分需为 ${step} 的整数倍`, { step })
  const { memberId, step: codeStep } = await resolveMemberCode(ctx, rules, req.memberCode)
  const now = ctx.clock()
  const at = now.toISOString()
  const action: TillActionFields = {
    actionId, kind: 'redemption',
    storeId: staff.storeId, staffId: staff.staffId, memberId, orderId: req.orderId, refundId: null, amountFen: valueFen,
    points: req.points, discountFen: valueFen, couponCode: null, at, day: shanghaiDate(now), voided: false, requestId: ctx.requestId,
  }
  const result = await spend(ctx, {
    memberId, key: `redemption:${req.orderId}`, code: 'till_redemption', points: req.points, ref: req.orderId, note: `抵扣 ${(valueFen / 100).toFixed(2)} 元`,
    payload: { storeId: staff.storeId, memberId },
    sideParts: [
      tillKeyPart(ctx, key, actionId, at, memberId),
      storeOpenPart(table, staff.storeId),
      tillActionPutNewPart(table, action, () => new DomainError('idempotency.mismatch', '该单号已用于另一笔积分抵扣')),
      storeAuditPutPart(table, action, 'redemption'),
      storeDayAddPart(table, staff.storeId, action.day, { redemptions: 1, pointsRedeemed: req.points, discountFen: valueFen }),
      memberCodeUse(ctx, { memberId, step: codeStep, ref: req.orderId }),
      memberExistsPart(table, memberId),
    ],
  })
  if (result?.replayed) {
    const again = await replayOf(ctx, key)
    if (again) return again
  }
  return toTillAction(action, false)
}
