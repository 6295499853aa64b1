import type { AdjustmentRequest } from '@siyu/shared/schemas/points'
import type { ProgramRules } from '@siyu/shared/rules/program-rules'
import { shanghaiDate } from '@siyu/shared/rules/business-day'
import { DomainError } from '../lib/errors'
import { keys } from '../lib/keys'
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
  const key = `client:${req.adminId}:${req.idempotencyKey}`
  const audit = {
    Put: {
      TableName: deps.table.name,
      Item: {
        ...keys.audit(shanghaiDate(new Date(at)), at, key), type: 'audit', action: 'points.adjust',
        actorId: req.adminId, memberId: req.memberId, points: req.points, reason: req.reason, requestId: req.requestId, at,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  }
  const options = {
    memberId: req.memberId, key, code: 'adjustment' as const, points: Math.abs(req.points), ref: req.adminId,
    note: req.reason, sideItems: [audit], payload: { memberId: req.memberId, signed: req.points, reason: req.reason },
  }
  const result = req.points > 0 ? await earn(deps, rules, options) : await spend(deps, options)
  if (!result) throw new Error('adjustment posted nothing')
  if (!result.replayed) logger.info('points adjusted', { memberId: req.memberId, points: req.points, by: req.adminId, key })
  return result
}
