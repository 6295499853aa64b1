import { randomBytes, randomUUID } from 'node:crypto'
import { decodeSecret, memberCodeAt } from '@siyu/shared/rules/member-code'
import { defaultProgramRules, type ProgramRules } from '@siyu/shared/rules/program-rules'
import type { TillAction } from '@siyu/shared/schemas/staff'
import { getDeps } from '../functions/src/lib/deps'
import { ensureCodeSecret } from '../functions/src/member-code/secret'
import { recordPurchase } from '../functions/src/staff/purchase'
import { recordRefund } from '../functions/src/staff/refund'
import type { StaffMember } from '../functions/src/staff/staff-auth'
import type { TillContext } from '../functions/src/staff/till-context'
import { publishRulesForConsumer, settleStream } from './stream'

const piiKey = randomBytes(32)
export const testClerk: StaffMember = { staffId: 'm_testclerk', storeId: 'store-1', role: 'clerk' }

/** A till context at `at` (generous rate limit: tests record many actions in one clock minute). */
export function tillAt(at: Date, over: { staff?: StaffMember; rules?: ProgramRules } = {}): TillContext {
  const rules = over.rules ?? defaultProgramRules()
  return { table: getDeps().table, clock: () => at, piiKey, rules: { ...rules, till: { ...rules.till, actionsPerMinute: 10_000 } }, staff: over.staff ?? testClerk, requestId: `req-${randomUUID()}` }
}

/** The member code the member's app shows at `at`. */
export async function memberCodeOf(memberId: string, at: Date): Promise<string> {
  const s = await ensureCodeSecret({ table: getDeps().table, clock: () => at, piiKey }, defaultProgramRules(), memberId)
  return memberCodeAt(s.shortId, decodeSecret(s.secret), at, s.stepSeconds)
}

/** A purchase recorded at the till at `iso`, as a clerk scanning the member's code would. */
export async function buyAt(memberId: string, amountFen: number, iso: string, over: { staff?: StaffMember; rules?: ProgramRules; orderId?: string } = {}): Promise<TillAction> {
  const at = new Date(iso)
  return followed(over.rules, async () => recordPurchase(tillAt(at, over), { memberCode: await memberCodeOf(memberId, at), orderId: over.orderId ?? `o-${randomUUID().slice(0, 12)}`, amountFen }))
}

export async function refundAt(orderId: string, amountFen: number, iso: string, over: { rules?: ProgramRules } = {}): Promise<TillAction> {
  return followed(over.rules, () => recordRefund(tillAt(new Date(iso), over), { orderId, refundId: `r-${randomUUID().slice(0, 12)}`, amountFen }))
}

/**
 * A till action with what follows it on the stream (when the test file runs the consumer, see
 * test/stream.ts): its rules are published first, so the consumer decides with them too.
 */
async function followed(rules: ProgramRules | undefined, action: () => Promise<TillAction>): Promise<TillAction> {
  if (rules) await publishRulesForConsumer(rules)
  try {
    return await action()
  } finally {
    await settleStream()
  }
}
