import type { AdjustmentRequest } from '@siyu/shared/schemas/points'
import type { ProgramRules } from '@siyu/shared/rules/program-rules'
import { shanghaiDate } from '@siyu/shared/rules/business-day'
import { DomainError } from '../lib/errors'
import { keys } from '../lib/keys'
import type { Part } from '../lib/transact'
import { clientKey } from '../entities/idempotency'
import { logger } from '../lib/logger'
import { getMember } from '../members/members'
import { earn, spend } from './operations'
import type { LedgerDeps, PostingResult } from './post'

export const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,64}$/

/**
 * An operator's correction: a new `adjustment` entry (never an edit), idempotent by the
 * client's Idempotency-Key, with an audit record in the same transaction. A negative
 * adjustment cannot exceed the available points.
 */
export async function adjustPoints(
  deps: LedgerDeps,
  rules: ProgramRules,
  req: AdjustmentRequest & { adminId: string; idempotencyKey: string; requestId: string },
): Promise<PostingResult> {
  if (Math.abs(req.points) > rules.points.maxAdjustment) {
    throw new DomainError('points.adjustment_too_large', `单次调整不能超过 ${rules.points.maxAdjustment} 积分`)
  }
  await getMember(deps.table, req.memberId)
  const at = deps.clock().toISOString()
  const key = clientKey(req.adminId, req.idempotencyKey)
  const options = {
    memberId: req.memberId, key, code: 'adjustment' as const, points: Math.abs(req.points), ref: req.adminId,
    note: req.reason, sideParts: [adjustmentAuditPart(deps, req, key, at)], payload: { memberId: req.memberId, signed: req.points, reason: req.reason },
  }
  const result = req.points > 0 ? await earn(deps, rules, options) : await spend(deps, options)
  if (!result) throw new Error('adjustment posted nothing')
  if (!result.replayed) logger.info('points adjusted', { memberId: req.memberId, points: req.points, by: req.adminId, key })
  return result
}

/** The adjustment's audit record (`AUDIT#{day}` / `{at}#{key}`), new in the posting's transaction. */
function adjustmentAuditPart(deps: LedgerDeps, req: AdjustmentRequest & { adminId: string; requestId: string }, key: string, at: string): Part<'audit'> {
  const item = {
    ...keys.audit(shanghaiDate(new Date(at)), at, key), type: 'audit', action: 'points.adjust',
    actorId: req.adminId, memberId: req.memberId, points: req.points, reason: req.reason, requestId: req.requestId, at,
  }
  return { name: 'audit', item: { Put: { TableName: deps.table.name, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } } }
}
