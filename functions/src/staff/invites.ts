import type { StaffInvite, StaffInviteRequest } from '@siyu/shared/schemas/staff'
import type { Table } from '../lib/db'
import { DomainError } from '../lib/errors'
import type { Clock } from '../lib/ids'
import { newInviteCode } from '../lib/codes'
import { limits } from '../lib/limits'
import { takeToken } from '../lib/rate-limit'
import { isRetryable, withRetry } from '../lib/retry'
import { commit, partIf, transact } from '../lib/transact'
import { brandAuditPutPart } from '../entities/brand-audit'
import { storeStaffDeletePart, storeStaffPutPart } from '../entities/store-staff'
import { findInvite, invitePutNewPart, inviteUsePart, staffRolePart } from '../entities/staff-invite'
import type { MemberItem } from '../members/member-item'
import { getMember } from '../members/members'
import { getStore } from '../stores/stores'

const INVITE_HOURS = 24

/** The code drawn is taken already (all but impossible among 32⁸): draw another. */
class CodeTaken extends Error {}

/** Who took a console action, for its audit entry (direct calls from seeds and tests have no request). */
export interface Actor {
  actorId: string
  requestId: string
}

/** A one-time code that makes whoever binds it `role` of `storeId`; expires in 24 hours. Audited (`staff.invite`) in its own transaction. */
export async function createInvite(deps: { table: Table; clock: Clock; code?: () => string }, adminId: string, req: StaffInviteRequest, requestId = 'direct'): Promise<StaffInvite> {
  await getStore(deps.table, req.storeId)
  const now = deps.clock()
  const at = now.toISOString()
  const expiresAt = new Date(now.getTime() + INVITE_HOURS * 3_600_000).toISOString()
  return withRetry(async () => {
    const inviteCode = (deps.code ?? newInviteCode)()
    const failed = await transact(deps.table, [
      invitePutNewPart(deps.table, {
        inviteCode, storeId: req.storeId, role: req.role, createdBy: adminId, createdAt: at, expiresAt,
        // Kept a week after expiry so a late attempt is told it expired, then removed.
        ttl: Math.floor(new Date(expiresAt).getTime() / 1000) + 7 * 86_400,
      }),
      brandAuditPutPart(deps.table, { id: `staff.invite:${inviteCode}`, at, actorId: adminId, action: 'staff.invite', storeId: req.storeId, detail: req.role, requestId }),
    ])
    if (failed) throw new CodeTaken('could not draw an unused invite code')
    return { inviteCode, storeId: req.storeId, role: req.role, expiresAt }
  }, { retryable: (err) => err instanceof CodeTaken || isRetryable(err) })
}

const invalid = (message: string, reason: string) => new DomainError('staff.invite_invalid', message, { reason })

/**
 * Binds the caller as staff: marks the invite used, sets the member's role and store and puts them
 * on the store's staff list (leaving another store's) in one transaction, so an invite binds
 * exactly one person, once. Admins cannot bind (they would lose their role). Every attempt, right
 * or wrong, first takes a token from the caller's allowance (`limits.staffBind`), so codes cannot
 * be guessed at speed. The member is conditioned on its state as read: a concurrent change decides again.
 */
export async function bindInvite(deps: { table: Table; clock: Clock }, memberId: string, inviteCode: string): Promise<MemberItem> {
  const { limit, perSeconds } = limits.staffBind
  await takeToken(deps, `staff-bind:${memberId}`, limits.staffBind, `邀请码尝试次数过多，请 ${Math.ceil(perSeconds / limit / 60)} 分钟后再试`)
  return withRetry(async () => {
    const now = deps.clock().toISOString()
    const [invite, member] = await Promise.all([findInvite(deps.table, inviteCode), getMember(deps.table, memberId)])
    if (!invite) throw invalid('邀请码无效', 'unknown')
    if (invite.usedBy) throw invalid(invite.usedBy === memberId ? '您已使用过此邀请码' : '邀请码已被使用', 'used')
    if (invite.expiresAt <= now) throw invalid('邀请码已过期，请联系管理员重新生成', 'expired')
    if (member.roles.includes('admin')) throw invalid('管理员账号不能绑定为门店员工', 'admin')
    const { storeId, role } = invite
    await commit(deps.table, [
      inviteUsePart(deps.table, inviteCode, memberId, now),
      staffRolePart(deps.table, member, role, storeId, now),
      storeStaffPutPart(deps.table, { memberId, storeId, role, disabled: false }, now),
      ...partIf(!!member.storeId && member.storeId !== storeId, () => storeStaffDeletePart(deps.table, member.storeId!, memberId)),
    ])
    return { ...member, roles: ['member', role], storeId, staffDisabled: false, updatedAt: now }
  })
}

export { disableStaff, restoreStaff } from './staff-rights'
