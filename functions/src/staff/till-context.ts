import type { ProgramRules } from '@siyu/shared/rules/program-rules'
import { getItem, type Table } from '../lib/db'
import { DomainError } from '../lib/errors'
import type { Clock } from '../lib/ids'
import { keys } from '../lib/keys'
import type { Backoff } from '../lib/retry'
import type { StaffMember } from './staff-auth'
import { toTillAction, type ActionItem, type OrderItem } from './records'
import type { TillAction } from '@siyu/shared/schemas/staff'
import { parseMemberCode } from '@siyu/shared/rules/member-code'
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

export async function findAction(table: Table, actionId: string): Promise<ActionItem | undefined> {
  return getItem<ActionItem>(table, keys.tillAction(actionId))
}

export async function findOrder(table: Table, orderId: string): Promise<OrderItem | undefined> {
  return getItem<OrderItem>(table, keys.order(orderId))
}

/**
 * A retry of an action already recorded answers with it; the same id used for something else
 * (another store, amount or member) is a 409 — never a second effect.
 */
export async function replayOf(ctx: TillContext, actionId: string, same: (a: ActionItem) => boolean): Promise<TillAction | undefined> {
  const existing = await findAction(ctx.table, actionId)
  if (!existing) return undefined
  if (!same(existing)) throw new DomainError('idempotency.mismatch', '该单号已用于另一笔不同的操作', { actionId })
  return toTillAction(existing, true)
}

/**
 * Runs a till action, refusing only after looking for its action once more: a copy of this very
 * request (a till's retry sent while the first was still running) may have recorded it
 * meanwhile — the coupon it used, the balance it spent — and then its result is the answer.
 */
export async function unlessRecorded(ctx: TillContext, actionId: string, same: (a: ActionItem) => boolean, run: () => Promise<TillAction>): Promise<TillAction> {
  try {
    return await run()
  } catch (err) {
    if (!(err instanceof DomainError)) throw err
    const again = await replayOf(ctx, actionId, same)
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
