import type { StaffInvite, StaffInviteRequest } from '@siyu/shared/schemas/staff'
import type { Table } from '../lib/db'
import { DomainError } from '../lib/errors'
import type { Clock } from '../lib/ids'
import { newInviteCode } from '../lib/codes'
import { limits } from '../lib/limits'
import { takeToken } from '../lib/rate-limit'
import { withRetry } from '../lib/retry'
import { commit } from '../lib/transact'
import { disableStaffRole, findInvite, inviteUsePart, putNewInvite, staffRolePart } from '../entities/staff-invite'
import type { MemberItem } from '../members/member-item'
import { getMember } from '../members/members'
import { getStore } from '../stores/stores'

const INVITE_HOURS = 24

/** The code drawn is taken already (all but impossible among 32⁸): draw another. */
class CodeTaken extends Error {}

/** A one-time code that makes whoever binds it `role` of `storeId`; expires in 24 hours. */
export async function createInvite(deps: { table: Table; clock: Clock; code?: () => string }, adminId: string, req: StaffInviteRequest): Promise<StaffInvite> {
  await getStore(deps.table, req.storeId)
  const now = deps.clock()
  const expiresAt = new Date(now.getTime() + INVITE_HOURS * 3_600_000).toISOString()
  return withRetry(async () => {
    const inviteCode = (deps.code ?? newInviteCode)()
    const stored = await putNewInvite(deps.table, {
      inviteCode, storeId: req.storeId, role: req.role, createdBy: adminId, createdAt: now.toISOString(), expiresAt,
      // Kept a week after expiry so a late attempt is told it expired, then removed.
      ttl: Math.floor(new Date(expiresAt).getTime() / 1000) + 7 * 86_400,
    })
    if (!stored) throw new CodeTaken('could not draw an unused invite code')
    return { inviteCode, storeId: req.storeId, role: req.role, expiresAt }
  }, { retryable: (err) => err instanceof CodeTaken })
}

const invalid = (message: string, reason: string) => new DomainError('staff.invite_invalid', message, { reason })

/**
 * Binds the caller as staff: marks the invite used and sets the member's role and store in one
 * transaction, so an invite binds exactly one person, once. Admins cannot bind (they would lose
 * their role). Every attempt, right or wrong, first takes a token from the caller's allowance
 * (`limits.staffBind`), so codes cannot be guessed at speed.
 */
export async function bindInvite(deps: { table: Table; clock: Clock }, memberId: string, inviteCode: string): Promise<MemberItem> {
  const { limit, perSeconds } = limits.staffBind
  await takeToken(deps, `staff-bind:${memberId}`, limits.staffBind, `邀请码尝试次数过多，请 ${Math.ceil(perSeconds / limit / 60)} 分钟后再试`)
  const now = deps.clock().toISOString()
  const invite = await findInvite(deps.table, inviteCode)
  if (!invite) throw invalid('邀请码无效', 'unknown')
  if (invite.usedBy) throw invalid(invite.usedBy === memberId ? '您已使用过此邀请码' : '邀请码已被使用', 'used')
  if (invite.expiresAt <= now) throw invalid('邀请码已过期，请联系管理员重新生成', 'expired')
  await commit(deps.table, [inviteUsePart(deps.table, inviteCode, memberId, now), staffRolePart(deps.table, memberId, invite.role, invite.storeId, now)])
  return getMember(deps.table, memberId)
}

/** Takes a staff member's rights away now: back to member, flagged so staff endpoints refuse them. */
export async function disableStaff(deps: { table: Table; clock: Clock }, memberId: string): Promise<MemberItem> {
  await disableStaffRole(deps.table, memberId, deps.clock().toISOString())
  return getMember(deps.table, memberId)
}
