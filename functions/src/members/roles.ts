import { shanghaiDate } from '@siyu/shared/rules/business-day'
import type { Role } from '@siyu/shared/schemas/common'
import type { RemovableRole } from '@siyu/shared/schemas/members'
import type { Table } from '../lib/db'
import { DomainError } from '../lib/errors'
import type { Clock } from '../lib/ids'
import { logger } from '../lib/logger'
import { withRetry } from '../lib/retry'
import { commit } from '../lib/transact'
import { adminCheckPart, memberRolesPart, roleRemovalAuditPart, setMemberRoles } from '../entities/member'
import { getMember } from './members'
import type { MemberItem } from './member-item'

/**
 * Roles live on the member item; a token carries them until it expires (short-lived), so a
 * new role reaches the member at the next login. Taking one away works at once: till routes
 * and admin routes read the roles from this item. Staff roles are scoped to one store.
 */
export async function setRoles(
  table: Table,
  memberId: string,
  grant: { roles: Role[]; storeId: string | null },
  at: Date,
): Promise<MemberItem> {
  const roles = Array.from(new Set<Role>(['member', ...grant.roles]))
  return setMemberRoles(table, memberId, { roles, storeId: grant.storeId }, at.toISOString())
}

export interface RoleRemoval {
  adminId: string
  memberId: string
  role: RemovableRole
  requestId: string
}

const isStaffRole = (r: Role) => r === 'clerk' || r === 'manager'

/**
 * An admin takes one role from a member, with an audit entry in the same transaction.
 * Idempotent by its condition, without a client key: a role the member does not hold is already
 * removed — the member is returned as is and nothing is written. Nobody changes their own roles
 * here, and the caller's admin role is a condition of the transaction: of two admins removing
 * each other at once, one fails, so the brand always keeps an admin — the caller — without
 * counting admins. A staff role removed this way is like disabling staff: `staffDisabled` once no
 * staff role is left. The member's roles are conditioned on those read: a concurrent change makes
 * the removal read and decide again.
 */
export async function removeRole(deps: { table: Table; clock: Clock }, req: RoleRemoval): Promise<MemberItem> {
  if (req.adminId === req.memberId) throw new DomainError('member.own_roles', '不能移除自己的角色，请由另一位管理员操作')
  return withRetry(async () => {
    const current = await getMember(deps.table, req.memberId)
    if (!current.roles.includes(req.role)) return current
    const roles = current.roles.filter((r) => r !== req.role)
    const disable = isStaffRole(req.role) && !roles.some(isStaffRole)
    const at = deps.clock().toISOString()
    await commit(deps.table, [
      memberRolesPart(deps.table, req.memberId, { before: current.roles, after: roles, disable, at }),
      adminCheckPart(deps.table, req.adminId),
      roleRemovalAuditPart(deps.table, shanghaiDate(new Date(at)), { ...req, rolesBefore: current.roles, rolesAfter: roles, at }),
    ])
    logger.info('role removed', { memberId: req.memberId, role: req.role, by: req.adminId })
    return { ...current, roles, updatedAt: at, ...(disable ? { staffDisabled: true } : {}) }
  })
}
