import type { RejectionReason } from '@siyu/shared/schemas/referrals'
import type { ReviewReferralsPage } from '@siyu/shared/schemas/console'
import { z } from 'zod'
import { personRefs } from '../console/names'
import { requireAdmin } from '../console/operator'
import { rejectionsPage } from '../entities/referral-rejection'
import { reviewPage } from '../entities/referral-review'
import { decodeCursor, encodeCursor, sortKeyAfter } from '../lib/cursor'
import type { Table } from '../lib/db'
import type { Session } from '../lib/session'

type Kind = 'rejected' | 'capped' | 'clawed_back'

/** Why, in words, for every reason a review entry can hold. */
export const REASON_TEXT: Record<RejectionReason | 'cap_day' | 'cap_month' | 'refund' | 'void', string> = {
  self: '自己邀请自己（同一微信或手机号）',
  cycle: '互相邀请（邀请人曾被此人邀请）',
  staff: '员工不参与邀请奖励',
  disabled: '邀请人账号已停用',
  not_new: '不是新会员（注册早于打开邀请，或超过归因期）',
  invalid_ticket: '邀请凭证无效',
  cap_day: '邀请人当日奖励已达上限，未发奖励',
  cap_month: '邀请人当月奖励已达上限，未发奖励',
  refund: '首单退款后不再达标，奖励已收回',
  void: '首单被撤销，奖励已收回',
}
const reasonText = (reason: string) => REASON_TEXT[reason as keyof typeof REASON_TEXT] ?? reason

interface Row { at: string; sk: string; inviteeId: string; referrerId: string; reason: string; points: number | null }

async function rowsOf(table: Table, kind: Kind, before: string | undefined, limit: number): Promise<Row[]> {
  if (kind === 'rejected') return (await rejectionsPage(table, before, limit)).map((r) => ({ ...r, sk: r.gsi1sk, points: null }))
  return (await reviewPage(table, kind, before, limit)).map((r) => ({ ...r, sk: r.gsi1sk }))
}

/**
 * Referrals to review, newest first, with both members' names: refused binds (`rejected`), binds
 * left unrewarded by the inviter's day or month cap (`capped`), rewards clawed back (`clawed_back`).
 * Each kind is one sparse index partition; the cursor holds the last row's index sort key.
 */
export async function reviewReferralsPage(table: Table, q: { kind: Kind; cursor?: string; limit: number }): Promise<ReviewReferralsPage> {
  const scope = `referral-review:${q.kind}`
  const after = decodeCursor(q.cursor, scope, z.object({ sk: sortKeyAfter('') }))
  const rows = await rowsOf(table, q.kind, after?.sk, q.limit)
  const shown = rows.slice(0, q.limit)
  const names = await personRefs(table, shown.flatMap((r) => [r.inviteeId, r.referrerId]))
  return {
    items: shown.map((r) => ({
      at: r.at, kind: q.kind, invitee: names.get(r.inviteeId)!, referrer: names.get(r.referrerId)!, reason: r.reason, reasonText: reasonText(r.reason), points: r.points,
    })),
    nextCursor: rows.length > q.limit ? encodeCursor(scope, { sk: shown[shown.length - 1].sk }) : null,
  }
}

/** `GET /v1/admin/referrals`: brand admins only, from the table. */
export async function listReferralsForReview(table: Table, session: Session, q: { kind: Kind; cursor?: string; limit: number }): Promise<ReviewReferralsPage> {
  await requireAdmin(table, session)
  return reviewReferralsPage(table, q)
}
