import { TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb'
import { shanghaiDate } from '@siyu/shared/rules/business-day'
import type { Role } from '@siyu/shared/schemas/common'
import type { RemovableRole } from '@siyu/shared/schemas/members'
import { conditionFailedAt, isConditionFailed, type Table } from '../lib/db'
import { DomainError } from '../lib/errors'
import type { Clock } from '../lib/ids'
import { keys } from '../lib/keys'
import { isRetryableDynamoError } from '../lib/retry'
import { logger } from '../lib/logger'
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
  try {
    const { Attributes } = await table.db.send(
      new UpdateCommand({
        TableName: table.name,
        Key: keys.member(memberId),
        UpdateExpression: 'SET #roles = :roles, storeId = :storeId, updatedAt = :now',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#roles': 'roles' },
        ExpressionAttributeValues: { ':roles': roles, ':storeId': grant.storeId, ':now': at.toISOString() },
        ReturnValues: 'ALL_NEW',
      }),
    )
    return Attributes as MemberItem
  } catch (err) {
    if (isConditionFailed(err)) throw new DomainError('member.not_found', '会员不存在')
    throw err
  }
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
 * Idempotent: a role the member does not hold is already removed — the member is returned as
 * is and nothing is written. Nobody changes their own roles here, and the caller's admin role
 * is a condition of the transaction: of two admins removing each other at once, one fails, so
 * the brand always keeps an admin — the caller — without counting admins. A staff role removed
 * this way is like disabling staff: `staffDisabled` once no staff role is left.
 */
export async function removeRole(deps: { table: Table; clock: Clock }, req: RoleRemoval, attempt = 0): Promise<MemberItem> {
  if (req.adminId === req.memberId) throw new DomainError('member.own_roles', '不能移除自己的角色，请由另一位管理员操作')
  const current = await getMember(deps.table, req.memberId)
  if (!current.roles.includes(req.role)) return current
  const roles = current.roles.filter((r) => r !== req.role)
  const disable = isStaffRole(req.role) && !roles.some(isStaffRole)
  const at = deps.clock().toISOString()
  try {
    await deps.table.db.send(new TransactWriteCommand({ TransactItems: [
      {
        Update: {
          TableName: deps.table.name, Key: keys.member(req.memberId),
          UpdateExpression: `SET #roles = :roles, updatedAt = :now${disable ? ', staffDisabled = :true' : ''}`,
          // Decided on the roles read above: a concurrent change makes this removal re-read.
          ConditionExpression: '#roles = :before',
          ExpressionAttributeNames: { '#roles': 'roles' },
          ExpressionAttributeValues: { ':roles': roles, ':before': current.roles, ':now': at, ...(disable ? { ':true': true } : {}) },
        },
      },
      {
        ConditionCheck: {
          TableName: deps.table.name, Key: keys.member(req.adminId),
          ConditionExpression: 'contains(#roles, :admin)',
          ExpressionAttributeNames: { '#roles': 'roles' }, ExpressionAttributeValues: { ':admin': 'admin' },
        },
      },
      { Put: { TableName: deps.table.name, Item: auditItem(req, current.roles, roles, at), ConditionExpression: 'attribute_not_exists(pk)' } },
    ] }))
  } catch (err) {
    // Roles changed since the read, or (on AWS) a concurrent transaction on these items: read again.
    if ((conditionFailedAt(err, 0) || isRetryableDynamoError(err)) && attempt < 3) return removeRole(deps, req, attempt + 1)
    if (conditionFailedAt(err, 1)) throw new DomainError('auth.forbidden', '没有权限执行此操作')
    throw err
  }
  logger.info('role removed', { memberId: req.memberId, role: req.role, by: req.adminId })
  return { ...current, roles, updatedAt: at, ...(disable ? { staffDisabled: true } : {}) }
}

function auditItem(req: RoleRemoval, before: Role[], after: Role[], at: string) {
  return {
    ...keys.audit(shanghaiDate(new Date(at)), at, `role-remove:${req.memberId}:${req.role}`), type: 'audit', action: 'member.role_remove',
    actorId: req.adminId, memberId: req.memberId, role: req.role, rolesBefore: before, rolesAfter: after, requestId: req.requestId, at,
  }
}
