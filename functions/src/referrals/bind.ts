import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb'
import { shanghaiDate, shanghaiMonth } from '@siyu/shared/rules/business-day'
import type { ProgramRules } from '@siyu/shared/rules/program-rules'
import type { BindReferralRequest, BindReferralResponse, RejectionReason } from '@siyu/shared/schemas/referrals'
import { getItem, type Table } from '../lib/db'
import { DomainError } from '../lib/errors'
import type { Clock } from '../lib/ids'
import { keys } from '../lib/keys'
import type { MemberItem } from '../members/member-item'
import { getMember } from '../members/members'
import { memberOfInviteCode } from './invite-code'
import { findReferral, statusOf, type ReferralItem } from './referral-item'

/** Device clocks drift: an open this much after registration still counts as before it. */
const SKEW_MS = 10 * 60_000
const ATTEMPTS = 5

const REFUSALS: Record<RejectionReason, string> = {
  self: '不能接受自己的邀请',
  cycle: '你邀请过的好友不能再邀请你',
  staff: '门店员工和管理员不参与邀请活动',
  disabled: '该邀请人的账号已停用',
  not_new: '仅限新会员在首次打开邀请后规定天数内注册时接受邀请',
}

const isStaff = (m: MemberItem) => m.roles.some((r) => r !== 'member')

/** Why this bind is refused, or null. Single level by construction: only the direct inviter is bound. */
export function refusal(invitee: MemberItem, referrer: MemberItem, referrersOwn: ReferralItem | undefined, openedAt: string, now: Date, rules: ProgramRules): RejectionReason | null {
  const same = <K extends keyof MemberItem>(k: K) => invitee[k] !== undefined && invitee[k] === referrer[k]
  if (invitee.memberId === referrer.memberId || same('openid') || same('unionid') || same('phoneHash')) return 'self'
  if (referrersOwn?.referrerId === invitee.memberId) return 'cycle'
  if (referrer.staffDisabled) return 'disabled'
  if (isStaff(invitee) || isStaff(referrer)) return 'staff'
  const opened = new Date(openedAt).getTime()
  const created = new Date(invitee.createdAt).getTime()
  const windowMs = rules.referrals.attributionDays * 86_400_000
  if (opened > now.getTime() + SKEW_MS || created < opened - SKEW_MS || created > opened + windowMs) return 'not_new'
  return null
}

const answer = (r: ReferralItem, referrer: MemberItem, replayed: boolean): BindReferralResponse => ({
  referrer: { nickname: referrer.nickname }, status: statusOf(r, undefined), unrewardedReason: r.unrewardedReason, boundAt: r.boundAt, replayed,
})

async function counted(table: Table, referrerId: string, period: string): Promise<number | undefined> {
  const item = await getItem(table, keys.refCount(referrerId, period))
  return item?.count as number | undefined
}

/** Adds one to a cap counter, conditioned on the count read (so two binds cannot both take the last place). */
function countItem(table: Table, referrerId: string, period: string, read: number | undefined) {
  return {
    Update: {
      TableName: table.name, Key: keys.refCount(referrerId, period),
      UpdateExpression: 'SET #type = :type ADD #count :one',
      ConditionExpression: read === undefined ? 'attribute_not_exists(#count)' : '#count = :read',
      ExpressionAttributeNames: { '#type': 'type', '#count': 'count' },
      ExpressionAttributeValues: { ':type': 'refCount', ':one': 1, ...(read === undefined ? {} : { ':read': read }) },
    },
  }
}

/**
 * Binds the calling newcomer to the owner of an invite code, once and forever: the referral item
 * is written with `attribute_not_exists`, so of two inviters racing for one newcomer exactly one
 * wins, and a retry answers with the bind it made. Refusals (self, cycle, staff, disabled, not
 * new) are recorded with their reason. Over the inviter's daily or monthly cap the invite still
 * binds, unrewarded, with the reason.
 */
export async function bindReferral(deps: { table: Table; clock: Clock }, rules: ProgramRules, inviteeId: string, req: BindReferralRequest): Promise<BindReferralResponse> {
  const { table } = deps
  const now = deps.clock()
  const referrerId = await memberOfInviteCode(table, req.inviteCode)
  if (!referrerId) throw new DomainError('referral.code_unknown', '邀请码不存在')
  const [invitee, referrer, existing, referrersOwn] = await Promise.all([
    getMember(table, inviteeId), getMember(table, referrerId), findReferral(table, inviteeId), findReferral(table, referrerId),
  ])
  if (existing) {
    if (existing.referrerId === referrerId) return answer(existing, referrer, true)
    throw new DomainError('referral.already_bound', '你已接受过其他好友的邀请')
  }
  const reason = refusal(invitee, referrer, referrersOwn, req.openedAt, now, rules)
  if (reason) {
    await recordRejection(table, { inviteeId, referrerId, inviteCode: req.inviteCode, reason, at: now.toISOString() })
    throw new DomainError('referral.rejected', REFUSALS[reason], { reason })
  }

  const day = shanghaiDate(now)
  const month = shanghaiMonth(now)
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const [perDay, perMonth] = await Promise.all([counted(table, referrerId, day), counted(table, referrerId, month)])
    const unrewardedReason = (perDay ?? 0) >= rules.referrals.maxPerDay ? 'cap_day' : (perMonth ?? 0) >= rules.referrals.maxPerMonth ? 'cap_month' : null
    const boundAt = deps.clock().toISOString()
    const item: ReferralItem = {
      ...(keys.referral(inviteeId) as { pk: string; sk: 'REFERRAL' }), type: 'referral', referrerId, inviteeId, inviteCode: req.inviteCode,
      openedAt: req.openedAt, boundAt, status: 'joined', unrewardedReason, qualifiedAt: null, qualifyingOrderId: null,
    }
    try {
      await table.db.send(new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: table.name, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } },
          { Put: { TableName: table.name, Item: { ...keys.referrerInvitee(referrerId, boundAt, inviteeId), type: 'invitee', referrerId, inviteeId, boundAt } } },
          // Only rewarded invites take a place under the caps.
          ...(unrewardedReason ? [] : [countItem(table, referrerId, day, perDay), countItem(table, referrerId, month, perMonth)]),
        ],
      }))
      return answer(item, referrer, false)
    } catch (err) {
      if ((err as Error).name !== 'TransactionCanceledException') throw err
      const won = await findReferral(table, inviteeId)
      if (won) {
        if (won.referrerId === referrerId) return answer(won, referrer, true)
        throw new DomainError('referral.already_bound', '你已接受过其他好友的邀请')
      }
      // A counter moved under us: count again.
    }
  }
  throw new DomainError('ledger.busy', '操作繁忙，请稍后重试')
}

/** A refusal, for operators (all refusals) and for the code's owner (a row in their list). */
async function recordRejection(table: Table, r: { inviteeId: string; referrerId: string; inviteCode: string; reason: RejectionReason; at: string }) {
  await table.db.send(new TransactWriteCommand({
    TransactItems: [
      { Put: { TableName: table.name, Item: { ...keys.refRejection(r.inviteeId, r.at), type: 'refRejection', ...r } } },
      { Put: { TableName: table.name, Item: { ...keys.referrerInvitee(r.referrerId, r.at, r.inviteeId), type: 'invitee', referrerId: r.referrerId, inviteeId: r.inviteeId, boundAt: r.at, rejected: r.reason } } },
    ],
  }))
}
