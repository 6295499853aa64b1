import type { ReferralStatus } from '@siyu/shared/schemas/referrals'
import { getItem, type Table } from '../lib/db'
import { keys } from '../lib/keys'

/** The two sides of a referral's reward. */
export type Side = 'referrer' | 'invitee'
export const SIDES: readonly Side[] = ['referrer', 'invitee']

/** Who invited a member (`MEMBER#{invitee}` / `REFERRAL`): written once, never replaced. */
export interface ReferralItem {
  pk: string
  sk: 'REFERRAL'
  type: 'referral'
  referrerId: string
  inviteeId: string
  inviteCode: string
  /** The server's time of the open, from the ticket the bind was made with. */
  openedAt: string
  boundAt: string
  status: 'joined' | 'qualified' | 'clawed_back'
  /** Bound over the referrer's cap: never rewarded. */
  unrewardedReason: 'cap_day' | 'cap_month' | null
  qualifiedAt: string | null
  qualifyingOrderId: string | null
  /** The outbox: reward sides recorded as owed by the qualification, each removed by its own posting. */
  owed?: Set<Side>
  /** The points each side is owed, fixed when it qualified (a later rules change cannot alter a retry). */
  rewardPoints?: Record<Side, number>
  /** When the rewards leave the return window (qualification + `returnWindowDays`): "rewarded" from then. */
  rewardDueAt?: string
}

export async function findReferral(table: Table, inviteeId: string): Promise<ReferralItem | undefined> {
  return getItem<ReferralItem>(table, keys.referral(inviteeId))
}

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
