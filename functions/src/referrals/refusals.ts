import type { ProgramRules } from '@siyu/shared/rules/program-rules'
import type { RejectionReason } from '@siyu/shared/schemas/referrals'
import type { Table } from '../lib/db'
import { DomainError } from '../lib/errors'
import type { Clock } from '../lib/ids'
import { keys } from '../lib/keys'
import { takeToken } from '../lib/rate-limit'
import { statsUpdate } from './stats'
import { transact, type Part } from '../lib/transact'

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
async function recordRefusal(table: Table, r: Refusal & { at: string }): Promise<void> {
  const log: Part<'log'> = { name: 'log', item: { Put: { TableName: table.name, Item: { ...keys.refRejection(r.inviteeId, r.at), type: 'refRejection', ...r } } } }
  for (let attempt = 0; attempt < 3; attempt++) {
    const first = await transact(table, [firstMarker(table, r), listRow(table, r), { name: 'stats', item: statsUpdate(table, r.referrerId, { rejected: 1 }) }, log])
    if (!first) return
    // Refused before: count the repeat (a cancellation for another reason tries again).
    if (first.has('marker') && !(await transact(table, [repeatMarker(table, r), log]))) return
  }
  throw new DomainError('ledger.busy', '操作繁忙，请稍后重试')
}

const firstMarker = (table: Table, r: Refusal & { at: string }): Part<'marker'> => ({
  name: 'marker',
  item: {
    Put: {
      TableName: table.name, Item: { ...keys.refRefused(r.referrerId, r.inviteeId), type: 'refRefused', ...r, firstAt: r.at, repeats: 0 },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  },
})

const repeatMarker = (table: Table, r: Refusal & { at: string }): Part<'marker'> => ({
  name: 'marker',
  item: {
    Update: {
      TableName: table.name, Key: keys.refRefused(r.referrerId, r.inviteeId),
      UpdateExpression: 'SET lastAt = :at, lastReason = :reason ADD repeats :one',
      ExpressionAttributeValues: { ':at': r.at, ':reason': r.reason, ':one': 1 },
    },
  },
})

const listRow = (table: Table, r: Refusal & { at: string }): Part<'row'> => ({
  name: 'row',
  item: {
    Put: {
      TableName: table.name,
      Item: { ...keys.referrerInvitee(r.referrerId, r.at, r.inviteeId), type: 'invitee', referrerId: r.referrerId, inviteeId: r.inviteeId, boundAt: r.at, rejected: r.reason },
    },
  },
})
