import type { MyInvite } from '@siyu/shared/schemas/referrals'
import type { RefStats } from '../entities/referral-counters'

/**
 * A referrer's counters (`MEMBER#{id}` / `REFSTATS`) are kept by `entities/referral-counters.ts`,
 * each moved in the same transaction as the referral write it counts, so the 邀请 tab reads one
 * item instead of every invitee.
 */
export type { RefStats, StatsDelta } from '../entities/referral-counters'

/** The 邀请 tab's counts by status, from the counters and the rewards still pending. */
export function countsOf(stats: RefStats, stillPending: number): MyInvite['counts'] {
  const pending = Math.min(stillPending, Math.max(0, stats.rewarding))
  return {
    joined: stats.joined, qualified: pending, rewarded: Math.max(0, stats.rewarding - pending), unrewarded: stats.unrewarded,
    clawedBack: stats.clawedBack, rejected: stats.rejected,
  }
}
