import { shanghaiDate, shanghaiMonth } from '@siyu/shared/rules/business-day'
import type { ProgramRules } from '@siyu/shared/rules/program-rules'
import type { BindReferralRequest, BindReferralResponse, RejectionReason } from '@siyu/shared/schemas/referrals'
import type { Table } from '../lib/db'
import { DomainError } from '../lib/errors'
import type { Clock } from '../lib/ids'
import { withRetry } from '../lib/retry'
import { partIf, transact, TransactionRaced, type Part } from '../lib/transact'
import { newReferralItem, noCycleCheckPart, referralPutNewPart } from '../entities/referral'
import { readRefCount, refCountPart, refStatsPart } from '../entities/referral-counters'
import { inviteeRowPart } from '../entities/referral-invitee'
import { referralReviewPutPart } from '../entities/referral-review'
import type { MemberItem } from '../members/member-item'
import { getMember } from '../members/members'
import { memberOfInviteCode } from './invite-code'
import { checkOpenTicket } from './open-ticket'
import { findReferral, statusOf, type ReferralItem } from './referral-item'
import { refuse } from './refusals'

/**
 * Server clocks (not devices) may differ a little, and a login may race the ticket request of the
 * same open by a moment: a registration this much before the ticket's time still counts as after it.
 */
const SERVER_SKEW_MS = 60_000

export interface BindDeps {
  table: Table
  clock: Clock
  /** Verifies open tickets (`open-ticket.ts`). */
  sessionSecret: Uint8Array
}

const isStaff = (m: MemberItem) => m.roles.some((r) => r !== 'member')

/**
 * Why this bind is refused, or null, from stored data only: the members as recorded and the
 * server's time of the open. A cycle is decided inside the bind transaction instead. Single level
 * by construction: only the direct inviter is bound.
 */
export function refusal(invitee: MemberItem, referrer: MemberItem, openedAt: Date, rules: ProgramRules): RejectionReason | null {
  const same = <K extends keyof MemberItem>(k: K) => invitee[k] !== undefined && invitee[k] === referrer[k]
  if (invitee.memberId === referrer.memberId || same('openid') || same('unionid') || same('phoneHash')) return 'self'
  if (referrer.staffDisabled) return 'disabled'
  if (isStaff(invitee) || isStaff(referrer)) return 'staff'
  const created = new Date(invitee.createdAt).getTime()
  const windowMs = rules.referrals.attributionDays * 86_400_000
  if (created < openedAt.getTime() - SERVER_SKEW_MS || created > openedAt.getTime() + windowMs) return 'not_new'
  return null
}

const answer = (r: ReferralItem, referrer: MemberItem, replayed: boolean, now: Date): BindReferralResponse => ({
  referrer: { nickname: referrer.nickname }, status: statusOf(r, now), unrewardedReason: r.unrewardedReason, boundAt: r.boundAt, replayed,
})

/** A bind that already exists: the same inviter answers as a replay, another one is a 409. */
function existingAnswer(existing: ReferralItem, referrerId: string, referrer: MemberItem, now: Date): BindReferralResponse {
  if (existing.referrerId === referrerId) return answer(existing, referrer, true, now)
  throw new DomainError('referral.already_bound', '你已接受过其他好友的邀请')
}

/**
 * Binds the calling newcomer to the owner of an invite code, once and forever. Newness is
 * decided from the ticket the server signed when the share was opened against the member's
 * stored `createdAt`. The referral item is written with `attribute_not_exists`, so of two
 * inviters racing for one newcomer exactly one wins, and a retry answers with the bind it made.
 * Refusals (self, cycle, staff, disabled, not new, a bad ticket) are recorded with their reason.
 * Over the inviter's daily or monthly cap the invite still binds, unrewarded, with the reason.
 */
export async function bindReferral(deps: BindDeps, rules: ProgramRules, inviteeId: string, req: BindReferralRequest): Promise<BindReferralResponse> {
  const { table } = deps
  const now = deps.clock()
  const referrerId = await memberOfInviteCode(table, req.inviteCode)
  if (!referrerId) throw new DomainError('referral.code_unknown', '邀请码不存在')
  const [invitee, referrer, existing] = await Promise.all([getMember(table, inviteeId), getMember(table, referrerId), findReferral(table, inviteeId)])
  if (existing) return existingAnswer(existing, referrerId, referrer, now)
  const ticket = await checkOpenTicket(deps.sessionSecret, req.ticket, req.inviteCode, now)
  const base = { inviteeId, referrerId, inviteCode: req.inviteCode }
  // An expired ticket is genuine but old: the open was too long ago for anyone to be new by it.
  if (!ticket.ok) return refuse(deps, rules, { ...base, reason: ticket.why === 'expired' ? 'not_new' : 'invalid_ticket' })
  const reason = refusal(invitee, referrer, ticket.openedAt, rules)
  if (reason) return refuse(deps, rules, { ...base, reason })

  return withRetry(async () => {
    const item = await nextReferral(deps, rules, { ...base, openedAt: ticket.openedAt.toISOString() })
    const cancelled = await transact(table, bindParts(table, item))
    if (!cancelled) return answer(item.referral, referrer, false, now)
    if (cancelled.has('referral')) {
      const won = await findReferral(table, inviteeId)
      if (won) return existingAnswer(won, referrerId, referrer, now)
    }
    // The inviter was bound to this newcomer meanwhile (or before): they cannot invite them back.
    if (cancelled.has('cycle')) return refuse(deps, rules, { ...base, reason: 'cycle' })
    // A cap counter moved under us (or a conflict): count again.
    throw new TransactionRaced(cancelled)
  }, { onGiveUp: busy })
}

const busy = async (): Promise<never> => {
  throw new DomainError('ledger.busy', '操作繁忙，请稍后重试')
}

interface NextReferral {
  referral: ReferralItem
  day: { period: string; read: number | undefined }
  month: { period: string; read: number | undefined }
}

/** The referral to write now, with the cap counters it was decided from. */
async function nextReferral(deps: BindDeps, rules: ProgramRules, b: { inviteeId: string; referrerId: string; inviteCode: string; openedAt: string }): Promise<NextReferral> {
  const now = deps.clock()
  const [day, month] = [shanghaiDate(now), shanghaiMonth(now)]
  const [perDay, perMonth] = await Promise.all([readRefCount(deps.table, b.referrerId, day), readRefCount(deps.table, b.referrerId, month)])
  const unrewardedReason = (perDay ?? 0) >= rules.referrals.maxPerDay ? 'cap_day' : (perMonth ?? 0) >= rules.referrals.maxPerMonth ? 'cap_month' : null
  const referral = newReferralItem({ ...b, boundAt: now.toISOString(), unrewardedReason })
  return { referral, day: { period: day, read: perDay }, month: { period: month, read: perMonth } }
}

/**
 * The bind transaction, by name: the referral (once per newcomer), the inviter's list row, the
 * inviter's own referral checked not to be by this newcomer (no cycle, decided here rather than
 * from an earlier read), the cap counters (rewarded invites only), the inviter's counts, and — for
 * an invite over a cap — its entry in the operators' review list.
 */
function bindParts(table: Table, n: NextReferral): Part<'referral' | 'row' | 'cycle' | 'dayCount' | 'monthCount' | 'stats' | 'review'>[] {
  const r = n.referral
  return [
    referralPutNewPart(table, r),
    inviteeRowPart(table, { referrerId: r.referrerId, inviteeId: r.inviteeId, at: r.boundAt }),
    noCycleCheckPart(table, r.referrerId, r.inviteeId),
    ...partIf(!r.unrewardedReason, () => refCountPart(table, 'dayCount', r.referrerId, n.day.period, n.day.read)),
    ...partIf(!r.unrewardedReason, () => refCountPart(table, 'monthCount', r.referrerId, n.month.period, n.month.read)),
    refStatsPart(table, r.referrerId, r.unrewardedReason ? { unrewarded: 1 } : { joined: 1 }),
    ...(r.unrewardedReason
      ? [referralReviewPutPart(table, { kind: 'capped', inviteeId: r.inviteeId, referrerId: r.referrerId, reason: r.unrewardedReason, points: null, at: r.boundAt })]
      : []),
  ]
}
