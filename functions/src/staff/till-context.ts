import type { ProgramRules } from '@siyu/shared/rules/program-rules'
import type { TillAction } from '@siyu/shared/schemas/staff'
import { parseMemberCode } from '@siyu/shared/rules/member-code'
import { z } from 'zod'
import type { Table } from '../lib/db'
import { DomainError } from '../lib/errors'
import type { Clock } from '../lib/ids'
import type { Backoff } from '../lib/retry'
import type { Part } from '../lib/transact'
import { claimKeyPart, idempotentRequest, storedAnswer, type IdempotentRequest } from '../entities/idempotency'
import { findTillAction, toTillAction, type TillActionItem } from '../entities/till-action'
import type { StaffMember } from './staff-auth'
import { memberIdForShortId } from '../member-code/secret'

/** What every till action takes: the table, the clock, the PII key (member codes), the rules, the staff member. */
export interface TillContext {
  table: Table
  clock: Clock
  piiKey: Buffer
  backoff?: Backoff
  rules: ProgramRules
  staff: StaffMember
  requestId: string
}

/**
 * A till request's idempotency (entities/idempotency): the key `till:{actionId}` (a void's
 * `till:{actionId}:void`) and the fingerprint of what the client asked — the store it asked at and
 * its request fields, never what the server derived from them (the points depend on the tier at
 * the time). The same id with other fields is `409 idempotency.mismatch`.
 */
export const tillRequest = (actionId: string, fields: Record<string, string | number | null>, op: 'record' | 'void' = 'record'): IdempotentRequest =>
  idempotentRequest(op === 'void' ? `till:${actionId}:void` : `till:${actionId}`, fields)

/** What a till request's key answers: the action it recorded (rendered as it is now, e.g. voided). */
const TillAnswer = z.object({ actionId: z.string() })

/**
 * The key's part in the action's own transaction ('retry' when a copy of the request committed
 * first). Named `tillKey`: the ledger posting it rides in has an idempotency key of its own.
 */
export const tillKeyPart = (ctx: TillContext, req: IdempotentRequest, actionId: string, at: string, memberId: string): Part<'tillKey'> =>
  ({ ...claimKeyPart(ctx.table, req, { actionId }, at, memberId), name: 'tillKey' })

/** The action a request already recorded, as it is now; undefined when the request is new. */
export async function recordedAction(ctx: TillContext, req: IdempotentRequest): Promise<TillActionItem | undefined> {
  const answer = await storedAnswer(ctx.table, req, TillAnswer.parse)
  if (!answer) return undefined
  const action = await findTillAction(ctx.table, answer.actionId)
  if (!action) throw new Error(`till key ${req.key} answers a missing action ${answer.actionId}`)
  return action
}

/** The answer to a retry of a request already recorded: its action as it is now, `replayed`. */
export async function replayOf(ctx: TillContext, req: IdempotentRequest): Promise<TillAction | undefined> {
  const action = await recordedAction(ctx, req)
  return action && toTillAction(action, true)
}

/**
 * Runs a till action, refusing only after looking for its key once more: a copy of this very
 * request (a till's retry sent while the first was still running) may have recorded it
 * meanwhile — the coupon it used, the balance it spent — and then its result is the answer.
 */
export async function unlessRecorded(ctx: TillContext, req: IdempotentRequest, run: () => Promise<TillAction>): Promise<TillAction> {
  try {
    return await run()
  } catch (err) {
    if (!(err instanceof DomainError)) throw err
    const again = await replayOf(ctx, req)
    if (again) return again
    throw err
  }
}

/**
 * Whose code this is, without checking its one-time part: enough to tell a retry (which may
 * come after the code expired) from the same order id reused for another member.
 */
export async function memberOfCode(table: Table, code: string): Promise<string | undefined> {
  const parsed = parseMemberCode(code)
  return parsed ? memberIdForShortId(table, parsed.shortId) : undefined
}
