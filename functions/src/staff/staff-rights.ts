import type { Table } from '../lib/db'
import { DomainError } from '../lib/errors'
import type { Clock } from '../lib/ids'
import { logger } from '../lib/logger'
import { withRetry } from '../lib/retry'
import { commit, partIf } from '../lib/transact'
import { brandAuditPutPart } from '../entities/brand-audit'
import { memberRolesPart } from '../entities/member'
import { staffRestorePart } from '../entities/staff-invite'
import { findStoreStaff, staffRoleOf, storeStaffUpsertPart } from '../entities/store-staff'
import type { MemberItem } from '../members/member-item'
import { getMember } from '../members/members'
import type { Actor } from './invites'

const notStaff = () => new DomainError('member.not_found', '该会员不是门店员工')

/** Seeds and tests call these without a request: their audit entries name no operator. */
const DIRECT: Actor = { actorId: 'system', requestId: 'direct' }

/**
 * Takes a staff member's rights away now: their staff roles go, they are flagged so staff
 * endpoints refuse them, their store's list shows them disabled (keeping the role, so it can be
 * given back), and the brand audit records it (`staff.disable`) — one transaction, conditioned on
 * the roles read. Idempotent: a member already disabled is answered as is and nothing is written.
 */
export async function disableStaff(deps: { table: Table; clock: Clock }, memberId: string, actor: Actor = DIRECT): Promise<MemberItem> {
  return withRetry(async () => {
    const current = await getMember(deps.table, memberId)
    const role = staffRoleOf(current.roles)
    if (!role) {
      if (current.staffDisabled) return current
      throw notStaff()
    }
    const at = deps.clock().toISOString()
    const roles = current.roles.filter((r) => r !== 'clerk' && r !== 'manager')
    await commit(deps.table, [
      memberRolesPart(deps.table, memberId, { before: current.roles, after: roles, disable: true, at }),
      ...partIf(!!current.storeId, () => storeStaffUpsertPart(deps.table, { memberId, storeId: current.storeId!, role, disabled: true }, at)),
      brandAuditPutPart(deps.table, { id: `staff.disable:${memberId}`, at, actorId: actor.actorId, action: 'staff.disable', memberId, storeId: current.storeId, detail: role, requestId: actor.requestId }),
    ])
    logger.info('staff disabled', { memberId, by: actor.actorId })
    return { ...current, roles, staffDisabled: true, updatedAt: at }
  })
}

/**
 * Gives a disabled staff member back the role they held at their store (kept on the store's staff
 * list), with a brand audit entry (`staff.restore`), in one transaction conditioned on the member
 * as read. Idempotent: an active staff member is answered unchanged and nothing is written; a
 * member who never was staff (or left the list by an operator's grant) is 404.
 */
export async function restoreStaff(deps: { table: Table; clock: Clock }, memberId: string, actor: Actor): Promise<MemberItem> {
  return withRetry(async () => {
    const current = await getMember(deps.table, memberId)
    if (!current.staffDisabled && staffRoleOf(current.roles)) return current
    const listed = current.staffDisabled && current.storeId ? await findStoreStaff(deps.table, current.storeId, memberId) : undefined
    if (!listed || !current.storeId) throw notStaff()
    const at = deps.clock().toISOString()
    const member = { memberId, roles: current.roles, storeId: current.storeId }
    await commit(deps.table, [
      staffRestorePart(deps.table, member, listed.role, at),
      storeStaffUpsertPart(deps.table, { memberId, storeId: current.storeId, role: listed.role, disabled: false }, at, () => 'retry', 'attribute_exists(pk)'),
      brandAuditPutPart(deps.table, { id: `staff.restore:${memberId}`, at, actorId: actor.actorId, action: 'staff.restore', memberId, storeId: current.storeId, detail: listed.role, requestId: actor.requestId }),
    ])
    logger.info('staff restored', { memberId, by: actor.actorId })
    return { ...current, roles: [...new Set([...current.roles, listed.role])], staffDisabled: false, updatedAt: at }
  })
}
