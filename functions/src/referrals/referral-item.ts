import type { ReferralStatus } from '@siyu/shared/schemas/referrals'
import { getItem, type Table } from '../lib/db'
import { keys } from '../lib/keys'
import type { PendingLot } from '../ledger/operations'

/** Who invited a member (`MEMBER#{invitee}` / `REFERRAL`): written once, never replaced. */
export interface ReferralItem {
  pk: string
  sk: 'REFERRAL'
  type: 'referral'
  referrerId: string
  inviteeId: string
  inviteCode: string
  openedAt: string
  boundAt: string
  status: 'joined' | 'qualified' | 'clawed_back'
  /** Bound over the referrer's cap: never rewarded. */
  unrewardedReason: 'cap_day' | 'cap_month' | null
  qualifiedAt: string | null
  qualifyingOrderId: string | null
}

export async function findReferral(table: Table, inviteeId: string): Promise<ReferralItem | undefined> {
  return getItem<ReferralItem>(table, keys.referral(inviteeId))
}

/** The ledger refs of the two rewards (their pending lots and posting keys). */
export const rewardRefs = (inviteeId: string) => ({ referrer: `referral-r:${inviteeId}`, invitee: `referral-i:${inviteeId}` })

/** What the member sees: a qualified invite is "rewarded" once its reward has left the return window. */
export function statusOf(r: ReferralItem, referrerLot: Pick<PendingLot, 'status'> | undefined): ReferralStatus {
  if (r.unrewardedReason) return 'unrewarded'
  if (r.status === 'qualified' && referrerLot?.status === 'activated') return 'rewarded'
  return r.status
}
