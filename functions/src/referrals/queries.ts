import { QueryCommand } from '@aws-sdk/lib-dynamodb'
import type { ProgramRules } from '@siyu/shared/rules/program-rules'
import type { MyInvite, ReferralStatus, ReferralsPage, RejectionReason } from '@siyu/shared/schemas/referrals'
import { z } from 'zod'
import { decodeCursor, encodeCursor, sortKeyAfter } from '../lib/cursor'
import { getItems, type Table } from '../lib/db'
import { keys } from '../lib/keys'
import { getMember } from '../members/members'
import type { MemberItem } from '../members/member-item'
import { ensureInviteCode, sharePath } from './invite-code'
import { statusOf, type ReferralItem } from './referral-item'
import { countsOf, countStillPending, readStats } from './stats'

/** 王小明 → 王**; no nickname → 微信用户. */
export const maskName = (nickname: string | null) => (nickname ? `${[...nickname][0]}${'*'.repeat(Math.min(2, Math.max(1, [...nickname].length - 1)))}` : '微信用户')

interface InviteeRow {
  inviteeId: string
  at: string
  referral: ReferralItem | undefined
  status: ReferralStatus
  rejected: RejectionReason | null
  invitee: MemberItem | undefined
}

/** The referral and the invitee's profile of each row of a page (a refusal row has no referral): two reads a row. */
async function rows(table: Table, referrerId: string, listed: Record<string, unknown>[], now: Date): Promise<InviteeRow[]> {
  const k = (x: { pk: string; sk: string }) => `${x.pk}|${x.sk}`
  const ids = [...new Set(listed.map((r) => r.inviteeId as string))]
  const items = await getItems<Record<string, unknown> & { pk: string; sk: string }>(table, ids.flatMap((id) => [keys.referral(id), keys.member(id)]), { consistent: true })
  const found = new Map(items.map((item) => [k(item), item]))
  return listed.flatMap((row): InviteeRow[] => {
    const id = row.inviteeId as string
    const invitee = found.get(k(keys.member(id))) as MemberItem | undefined
    if (row.rejected) return [{ inviteeId: id, at: row.boundAt as string, referral: undefined, status: 'rejected' as const, rejected: row.rejected as RejectionReason, invitee }]
    const referral = found.get(k(keys.referral(id))) as ReferralItem | undefined
    if (!referral || referral.referrerId !== referrerId) return []
    return [{ inviteeId: id, at: referral.boundAt, referral, status: statusOf(referral, now), rejected: null, invitee }]
  })
}

const INVITEE_ROWS = 'INVITEE#'

/** A page of the referrer's invitee rows, newest first, after the row whose sort key is `after`. */
async function inviteePage(table: Table, referrerId: string, after: string | undefined, limit: number) {
  const page = await table.db.send(new QueryCommand({
    TableName: table.name,
    // BETWEEN keeps the query inside the INVITEE# rows; it is inclusive, so the cursor's own row is dropped below.
    KeyConditionExpression: after ? 'pk = :pk AND sk BETWEEN :lo AND :cursor' : 'pk = :pk AND begins_with(sk, :lo)',
    ExpressionAttributeValues: { ':pk': keys.member(referrerId).pk, ':lo': INVITEE_ROWS, ...(after ? { ':cursor': after } : {}) },
    ScanIndexForward: false, Limit: limit + 2,
  }))
  return (page.Items ?? []).filter((i) => i.sk !== after)
}

/** The member's invitees, newest first (the cursor holds the last row's sort key). */
export async function listMyReferrals(table: Table, referrerId: string, q: { cursor?: string; limit: number }, now: Date): Promise<ReferralsPage> {
  const scope = `referrals:${referrerId}`
  const after = decodeCursor(q.cursor, scope, z.object({ sk: sortKeyAfter(INVITEE_ROWS) }))
  const items = await inviteePage(table, referrerId, after?.sk, q.limit)
  const shown = items.slice(0, q.limit)
  const list = await rows(table, referrerId, shown, now)
  return {
    items: list.map((r) => ({
      name: maskName(r.invitee?.nickname ?? null), status: r.status, unrewardedReason: r.referral?.unrewardedReason ?? null, rejectedReason: r.rejected,
      boundAt: r.at, qualifiedAt: r.referral?.qualifiedAt ?? null,
    })),
    nextCursor: items.length > q.limit ? encodeCursor(scope, { sk: shown[shown.length - 1].sk as string }) : null,
  }
}

/**
 * 邀请 tab: the code (created on first ask), counts by status, progress to the next milestone.
 * Bounded reads whatever the number of invitees: the member, the counters item and a count of the
 * rewards still inside their return window (see docs/data-model.md for the worst case).
 */
export async function getMyInvite(table: Table, rules: ProgramRules, memberId: string, now: Date): Promise<MyInvite> {
  const [member, stats, stillPending] = await Promise.all([getMember(table, memberId), readStats(table, memberId), countStillPending(table, memberId, now)])
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

/** Refused binds, newest first, for operators. */
export async function listRejected(table: Table, q: { cursor?: string; limit: number }) {
  const after = decodeCursor(q.cursor, 'rejected', z.object({ gsi1sk: sortKeyAfter('') }))
  const res = await table.db.send(new QueryCommand({
    TableName: table.name, IndexName: 'gsi1',
    KeyConditionExpression: after ? 'gsi1pk = :pk AND gsi1sk < :cursor' : 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': 'REFERRALS#rejected', ...(after ? { ':cursor': after.gsi1sk } : {}) },
    ScanIndexForward: false, Limit: q.limit + 1,
  }))
  const items = res.Items ?? []
  const shown = items.slice(0, q.limit)
  return {
    items: shown.map((i) => ({ at: i.at as string, inviteeId: i.inviteeId as string, referrerId: i.referrerId as string, inviteCode: i.inviteCode as string, reason: i.reason as RejectionReason })),
    nextCursor: items.length > q.limit ? encodeCursor('rejected', { gsi1sk: shown[shown.length - 1].gsi1sk as string }) : null,
  }
}
