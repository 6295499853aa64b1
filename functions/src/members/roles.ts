import { shanghaiDate } from '@siyu/shared/rules/business-day'
import type { Role } from '@siyu/shared/schemas/common'
import type { RemovableRole } from '@siyu/shared/schemas/members'
import type { Table } from '../lib/db'
import { DomainError } from '../lib/errors'
import type { Clock } from '../lib/ids'
import { logger } from '../lib/logger'
import { withRetry } from '../lib/retry'
import { commit, type Part } from '../lib/transact'
import { adminCheckPart, memberGrantPart, memberRolesPart, roleRemovalAuditPart } from '../entities/member'
import { staffRoleOf, storeStaffDeletePart, storeStaffUpsertPart } from '../entities/store-staff'
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
  const now = at.toISOString()
  return withRetry(async () => {
    const current = await getMember(table, memberId)
    await commit(table, [memberGrantPart(table, current, { roles, storeId: grant.storeId }, now), ...staffListOnGrant(table, current, roles, grant.storeId, now)])
    return { ...current, roles, storeId: grant.storeId, updatedAt: now }
  })
}

/** A grant moves the member's place in the stores' staff lists (`entities/store-staff.ts`) in its own transaction. */
function staffListOnGrant(table: Table, current: MemberItem, roles: Role[], storeId: string | null, at: string): Part[] {
  const role = staffRoleOf(roles)
  const leaves = current.storeId && (current.storeId !== storeId || !role) ? [storeStaffDeletePart(table, current.storeId, current.memberId)] : []
  const joins = role && storeId ? [storeStaffUpsertPart(table, { memberId: current.memberId, storeId, role, disabled: current.staffDisabled ?? false }, at)] : []
  return [...joins, ...leaves]
}

/** A staff role removed: the store's list keeps the member, with the role left or, with none, the one removed and disabled. */
function staffListOnRemoval(table: Table, current: MemberItem, removed: RemovableRole, roles: Role[], at: string): Part[] {
  const left = staffRoleOf(roles)
  if (!current.storeId || !isStaffRole(removed)) return []
  const state = left ? { role: left, disabled: current.staffDisabled ?? false } : { role: removed, disabled: true }
  return [storeStaffUpsertPart(table, { memberId: current.memberId, storeId: current.storeId, ...state }, at)]
}

export interface RoleRemoval {
  adminId: string
  memberId: string
  role: RemovableRole
  requestId: string
}

const isStaffRole = (r: Role): r is 'clerk' | 'manager' => r === 'clerk' || r === 'manager'

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
      ...staffListOnRemoval(deps.table, current, req.role, roles, at),
    ])
    logger.info('role removed', { memberId: req.memberId, role: req.role, by: req.adminId })
    return { ...current, roles, updatedAt: at, ...(disable ? { staffDisabled: true } : {}) }
  })
}
