import type { ProgramRules } from '@siyu/shared/rules/program-rules'
import type { RejectionReason } from '@siyu/shared/schemas/referrals'
import type { Table } from '../lib/db'
import { DomainError } from '../lib/errors'
import type { Clock } from '../lib/ids'
import { takeToken } from '../lib/rate-limit'
import { withRetry } from '../lib/retry'
import { transact, TransactionRaced } from '../lib/transact'
import { refStatsPart } from '../entities/referral-counters'
import { inviteeRowPart } from '../entities/referral-invitee'
import { refusalMarkerPutNewPart, refusalMarkerRepeatPart, rejectionLogPart, type RefusalRecord } from '../entities/referral-rejection'

/** What the refused newcomer reads (the inviter's list says it in `invite-text.ts`). */
export const REFUSALS: Record<RejectionReason, string> = {
  self: '不能接受自己的邀请',
  cycle: '你邀请过的好友不能再邀请你',
  staff: '门店员工和管理员不参与邀请活动',
  disabled: '该邀请人的账号已停用',
  not_new: '仅限新会员在首次打开邀请后规定天数内注册时接受邀请',
  invalid_ticket: '邀请链接无效，请重新打开好友分享的邀请',
}

export interface Refusal {
  inviteeId: string
  referrerId: string
  inviteCode: string
  reason: RejectionReason
}

const TOO_MANY = '邀请尝试过于频繁，请稍后再试'

/**
 * Records a refused bind and answers with it (422 `referral.rejected`). Each refusal writes, so
 * each takes a token from the caller's bucket and the inviter's: past either allowance the
 * answer is 429 and nothing is recorded. Only the first refusal of a (invitee, inviter) pair
 * becomes a row in the inviter's list; repeats are counted on it.
 */
export async function refuse(deps: { table: Table; clock: Clock }, rules: ProgramRules, r: Refusal): Promise<never> {
  await takeToken(deps, `referral-bind:${r.inviteeId}`, rules.referrals.refusalsPerMember, TOO_MANY)
  await takeToken(deps, `referral-target:${r.referrerId}`, rules.referrals.refusalsPerReferrer, TOO_MANY)
  await recordRefusal(deps.table, { ...r, at: deps.clock().toISOString() })
  throw new DomainError('referral.rejected', REFUSALS[r.reason], { reason: r.reason })
}

/** For operators every (rate-limited) refusal; for the inviter one row per invitee, with the count of repeats. */
async function recordRefusal(table: Table, r: RefusalRecord): Promise<void> {
  await withRetry(async () => {
    const first = await transact(table, [
      refusalMarkerPutNewPart(table, r), inviteeRowPart(table, { referrerId: r.referrerId, inviteeId: r.inviteeId, at: r.at, rejected: r.reason }),
      refStatsPart(table, r.referrerId, { rejected: 1 }), rejectionLogPart(table, r),
    ])
    if (!first) return
    // Refused before: count the repeat (a cancellation for another reason tries again).
    const repeat = first.has('marker') ? await transact(table, [refusalMarkerRepeatPart(table, r), rejectionLogPart(table, r)]) : first
    if (repeat) throw new TransactionRaced(repeat)
  }, { onGiveUp: async () => { throw new DomainError('ledger.busy', '操作繁忙，请稍后重试') } })
}
