import type { ProgramRules } from '@siyu/shared/rules/program-rules'
import type { MyInvite, ReferralStatus, ReferralsPage, RejectionReason } from '@siyu/shared/schemas/referrals'
import { z } from 'zod'
import { decodeCursor, encodeCursor, sortKeyAfter } from '../lib/cursor'
import type { Table } from '../lib/db'
import { referralsWithMembers } from '../entities/referral'
import { countRefDueAfter, readRefStats } from '../entities/referral-counters'
import { INVITEE_ROWS, inviteeRowsPage, type InviteeRow } from '../entities/referral-invitee'
import { getMember } from '../members/members'
import type { MemberItem } from '../members/member-item'
import { ensureInviteCode, sharePath } from './invite-code'
import { statusOf, type ReferralItem } from './referral-item'
import { countsOf } from './stats'

/** 王小明 → 王**; no nickname → 微信用户. */
export const maskName = (nickname: string | null) => (nickname ? `${[...nickname][0]}${'*'.repeat(Math.min(2, Math.max(1, [...nickname].length - 1)))}` : '微信用户')

interface PageRow {
  inviteeId: string
  at: string
  referral: ReferralItem | undefined
  status: ReferralStatus
  rejected: RejectionReason | null
  invitee: MemberItem | undefined
}

/** The referral and the invitee's profile of each row of a page (a refusal row has no referral): two reads a row. */
async function rows(table: Table, referrerId: string, listed: InviteeRow[], now: Date): Promise<PageRow[]> {
  const found = await referralsWithMembers(table, [...new Set(listed.map((r) => r.inviteeId))])
  return listed.flatMap((row): PageRow[] => {
    const id = row.inviteeId
    const invitee = found.get(id)?.member
    if (row.rejected) return [{ inviteeId: id, at: row.boundAt, referral: undefined, status: 'rejected' as const, rejected: row.rejected, invitee }]
    const referral = found.get(id)?.referral
    if (!referral || referral.referrerId !== referrerId) return []
    return [{ inviteeId: id, at: referral.boundAt, referral, status: statusOf(referral, now), rejected: null, invitee }]
  })
}

/** The member's invitees, newest first (the cursor holds the last row's sort key). */
export async function listMyReferrals(table: Table, referrerId: string, q: { cursor?: string; limit: number }, now: Date): Promise<ReferralsPage> {
  const scope = `referrals:${referrerId}`
  const after = decodeCursor(q.cursor, scope, z.object({ sk: sortKeyAfter(INVITEE_ROWS) }))
  const items = await inviteeRowsPage(table, referrerId, after?.sk, q.limit)
  const shown = items.slice(0, q.limit)
  const list = await rows(table, referrerId, shown, now)
  return {
    items: list.map((r) => ({
      name: maskName(r.invitee?.nickname ?? null), status: r.status, unrewardedReason: r.referral?.unrewardedReason ?? null, rejectedReason: r.rejected,
      boundAt: r.at, qualifiedAt: r.referral?.qualifiedAt ?? null,
    })),
    nextCursor: items.length > q.limit ? encodeCursor(scope, { sk: shown[shown.length - 1].sk }) : null,
  }
}

/**
 * 邀请 tab: the code (created on first ask), counts by status, progress to the next milestone.
 * Bounded reads whatever the number of invitees: the member, the counters item and a count of the
 * rewards still inside their return window (see docs/data-model.md for the worst case).
 */
export async function getMyInvite(table: Table, rules: ProgramRules, memberId: string, now: Date): Promise<MyInvite> {
  const [member, stats, stillPending] = await Promise.all([getMember(table, memberId), readRefStats(table, memberId), countRefDueAfter(table, memberId, now)])
  const inviteCode = member.inviteCode ?? (await ensureInviteCode({ table }, memberId))
  const { referrals } = rules
  const boost = member.checkinBoost && member.checkinBoost.until > now.toISOString() ? member.checkinBoost : null
  return {
    inviteCode,
    sharePath: sharePath(inviteCode),
    counts: countsOf(stats, stillPending),
    qualifiedTotal: stats.qualified,
    nextMilestone: referrals.milestones.filter((m) => !(member.milestonesGranted ?? []).includes(m.qualified)).sort((a, b) => a.qualified - b.qualified)[0] ?? null,
    checkinBoost: boost,
    rewards: { referrerPoints: referrals.referrerPoints, inviteePoints: referrals.inviteePoints, qualifyingFen: referrals.qualifyingFen, qualifyWithinDays: referrals.qualifyWithinDays },
  }
}
