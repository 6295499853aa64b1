import type { ReferralStatus } from '@siyu/shared/schemas/referrals'
import type { ReferralItem, Side } from '../entities/referral'

/** The referral as stored: its schema, reads and parts live in `entities/referral.ts`. */
export { findReferral, type ReferralItem, type Side } from '../entities/referral'

export const SIDES: readonly Side[] = ['referrer', 'invitee']

/** The ledger refs of the two rewards (their pending lots and posting keys). */
export const rewardRefs = (inviteeId: string): Record<Side, string> => ({ referrer: `referral-r:${inviteeId}`, invitee: `referral-i:${inviteeId}` })

/** Whether a referral's rewards are still owed on `side` (the set attribute is absent once empty). */
export const isOwed = (r: Pick<ReferralItem, 'owed'>, side: Side) => r.owed?.has(side) ?? false

/**
 * What the member sees: a qualified invite is "rewarded" once its reward has left the return
 * window (decided from the time, so counts need not read every reward lot).
 */
export function statusOf(r: ReferralItem, now: Date): ReferralStatus {
  if (r.unrewardedReason) return 'unrewarded'
  if (r.status === 'qualified' && r.rewardDueAt && r.rewardDueAt <= now.toISOString()) return 'rewarded'
  return r.status
}
