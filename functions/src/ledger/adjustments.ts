import type { AdjustmentRequest } from '@siyu/shared/schemas/points'
import type { ProgramRules } from '@siyu/shared/rules/program-rules'
import { shanghaiDate } from '@siyu/shared/rules/business-day'
import { DomainError } from '../lib/errors'
import type { Part } from '../lib/transact'
import type { Operator } from '../console/operator'
import { brandAuditPutPart } from '../entities/brand-audit'
import { clientKey } from '../entities/idempotency'
import { storeAuditPutPart } from '../entities/store-audit'
import { logger } from '../lib/logger'
import { getMember } from '../members/members'
import { earn, spend } from './operations'
import type { LedgerDeps, PostingResult } from './post'

export const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,64}$/

export type AdjustmentOrder = AdjustmentRequest & { operator: Operator; idempotencyKey: string; requestId: string }

/**
 * An operator's correction: a new `adjustment` entry (never an edit), idempotent by the client's
 * Idempotency-Key, with an audit record in the same transaction — a manager's in their store's
 * trail, an admin's in the brand's. A negative adjustment cannot exceed the available points.
 * Managers may adjust any member (members belong to the brand, not a store), never themselves.
 */
export async function adjustPoints(deps: LedgerDeps, rules: ProgramRules, req: AdjustmentOrder): Promise<PostingResult> {
  const by = req.operator.memberId
  if (Math.abs(req.points) > rules.points.maxAdjustment) {
    throw new DomainError('points.adjustment_too_large', `单次调整不能超过 ${rules.points.maxAdjustment} 积分`)
  }
  if (by === req.memberId) throw new DomainError('auth.forbidden', '不能调整自己的积分，请由另一位管理员操作')
  await getMember(deps.table, req.memberId)
  const at = deps.clock().toISOString()
  const key = clientKey(by, req.idempotencyKey)
  const options = {
    memberId: req.memberId, key, code: 'adjustment' as const, points: Math.abs(req.points), ref: by,
    note: req.reason, sideParts: [adjustmentAuditPart(deps, req, key, at)], payload: { memberId: req.memberId, signed: req.points, reason: req.reason },
  }
  const result = req.points > 0 ? await earn(deps, rules, options) : await spend(deps, options)
  if (!result) throw new Error('adjustment posted nothing')
  if (!result.replayed) logger.info('points adjusted', { memberId: req.memberId, points: req.points, by, role: req.operator.role, key })
  return result
}

/** The adjustment's audit entry, new in the posting's transaction: the manager's store trail, or the brand's. */
function adjustmentAuditPart(deps: LedgerDeps, req: AdjustmentOrder, key: string, at: string): Part<'audit'> {
  const { operator } = req
  if (operator.role === 'manager') {
    return storeAuditPutPart(deps.table, {
      actionId: key, storeId: operator.storeId, staffId: operator.memberId, day: shanghaiDate(new Date(at)), at,
      memberId: req.memberId, orderId: null, amountFen: null, points: req.points, requestId: req.requestId, detail: req.reason,
    }, 'points.adjust')
  }
  return brandAuditPutPart(deps.table, {
    id: `points.adjust:${key}`, at, actorId: operator.memberId, action: 'points.adjust', memberId: req.memberId, points: req.points, detail: req.reason, requestId: req.requestId,
  })
}
