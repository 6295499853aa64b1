import type { ProgramRules } from '@siyu/shared/rules/program-rules'
import type { LedgerDeps } from '../ledger/post'
import { grantMemberMilestone } from '../entities/member'
import { readRefStats } from '../entities/referral-counters'

const DAY_MS = 86_400_000

/** Each milestone the referrer's qualified invites have reached, once: the check-in boost it gives. */
export async function grantMilestones(deps: LedgerDeps, rules: ProgramRules, referrerId: string): Promise<void> {
  const { qualified } = await readRefStats(deps.table, referrerId)
  const now = deps.clock()
  for (const m of rules.referrals.milestones.filter((x) => x.qualified <= qualified)) {
    // Granted before: once only (the write's condition decides).
    await grantMemberMilestone(deps.table, referrerId, m.qualified, { multiplier: m.checkinMultiplier, until: new Date(now.getTime() + m.days * DAY_MS).toISOString() })
  }
}
