import type { ProgramRules } from '@siyu/shared/rules/program-rules'
import { DomainError } from '../lib/errors'
import { logger } from '../lib/logger'
import { earnPurchase } from '../ledger/operations'
import type { LedgerDeps } from '../ledger/post'
import { dropOwedIndex, owedReferralInvitees, takeOffOwedPart } from '../entities/referral'
import { grantMilestones } from './milestones'
import { findReferral, isOwed, rewardRefs, SIDES, type ReferralItem, type Side } from './referral-item'

/**
 * The reward pair as an outbox: the qualification records both sides as owed on the referral
 * (`owed`, indexed under `REFOWED` while any is), and each side's posting takes its side off in
 * the same transaction as the points, conditioned on it still being owed. So a side is paid
 * exactly once whichever of the qualifying purchase, the next purchase or the repair pass gets
 * there, and a crash between the two postings leaves the other side owed, not lost.
 */
export async function settleRewards(deps: LedgerDeps, rules: ProgramRules, r: ReferralItem): Promise<number> {
  let paid = 0
  for (const side of SIDES) if (isOwed(r, side) && (await payOwedSide(deps, rules, r, side))) paid++
  await dropOwedIndex(deps.table, r.inviteeId) // false: still owed (a side failed), or already out of the index
  return paid
}

const notOwed = () => new DomainError('referral.reward_not_owed', '奖励已发放')

/** One side's reward, pending for the return window like purchase points; false when it was no longer owed. */
async function payOwedSide(deps: LedgerDeps, rules: ProgramRules, r: ReferralItem, side: Side): Promise<boolean> {
  const memberId = side === 'referrer' ? r.referrerId : r.inviteeId
  try {
    const result = await earnPurchase(deps, rules, {
      memberId, orderId: rewardRefs(r.inviteeId)[side], points: r.rewardPoints?.[side] ?? 0, code: 'referral_reward', payload: { invitee: r.inviteeId },
      sideParts: [takeOffOwedPart(deps.table, r.inviteeId, side, notOwed)],
    })
    return result !== null && !result.replayed
  } catch (err) {
    // Paid by someone else first, or clawed back before it was paid.
    if (err instanceof DomainError && err.code === 'referral.reward_not_owed') return false
    throw err
  }
}

/**
 * The repair pass (hourly, and cheap when nothing is owed): settles every referral whose rewards
 * are still owed — after a crash between the qualification and its postings. Rerunnable: a paid
 * side is no longer owed, so a second pass changes nothing.
 */
export async function settleOwedReferralRewards(deps: LedgerDeps, rules: ProgramRules): Promise<{ examined: number; paid: number }> {
  const report = { examined: 0, paid: 0 }
  for await (const inviteeId of owedReferralInvitees(deps.table)) {
    report.examined++
    // The index is eventually consistent: decide from the item itself.
    const r = await findReferral(deps.table, inviteeId)
    if (!r) continue
    report.paid += await settleRewards(deps, rules, r)
    await grantMilestones(deps, rules, r.referrerId) // in case the crash came before them too
  }
  logger.info('owed referral rewards settled', { ...report })
  return report
}
