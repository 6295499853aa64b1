import { StaffRole } from '@siyu/shared/schemas/staff'
import { z } from 'zod'
import { getItem, type Table } from '../lib/db'
import { DomainError } from '../lib/errors'
import { keys } from '../lib/keys'
import { updatePart, type Part } from '../lib/transact'

/** A one-time staff invite (`INVITE#{code}` / `INVITE`; TTL a week after expiry). */
export const StaffInviteFields = z
  .object({
    inviteCode: z.string(),
    storeId: z.string(),
    role: StaffRole,
    createdBy: z.string(),
    createdAt: z.string(),
    expiresAt: z.string(),
    ttl: z.number().int(),
    usedBy: z.string().optional(),
    usedAt: z.string().optional(),
  })
export type StaffInviteFields = z.infer<typeof StaffInviteFields>

export const StaffInviteItem = StaffInviteFields.extend({ type: z.literal('staffInvite') }).loose()
export type StaffInviteItem = z.infer<typeof StaffInviteItem>

/** A new invite, in the transaction of its audit entry; its code taken is 'retry' (draw another). */
export function invitePutNewPart(table: Table, invite: StaffInviteFields): Part<'invite'> {
  return {
    name: 'invite',
    item: { Put: { TableName: table.name, Item: { ...keys.staffInvite(invite.inviteCode), ...invite, type: 'staffInvite' }, ConditionExpression: 'attribute_not_exists(pk)' } },
    onConditionFailed: () => 'retry',
  }
}

export async function findInvite(table: Table, inviteCode: string): Promise<StaffInviteItem | undefined> {
  const raw = await getItem(table, keys.staffInvite(inviteCode))
  return raw ? StaffInviteItem.parse(raw) : undefined
}

const invalid = (message: string, reason: string) => new DomainError('staff.invite_invalid', message, { reason })

/** Uses the invite, once and before it expires (else `staff.invite_invalid` 'used'). */
export function inviteUsePart(table: Table, inviteCode: string, memberId: string, now: string): Part<'invite'> {
  return updatePart('invite', table, keys.staffInvite(inviteCode), {
    UpdateExpression: 'SET usedBy = :m, usedAt = :now',
    ConditionExpression: 'attribute_not_exists(usedBy) AND expiresAt > :now',
    ExpressionAttributeValues: { ':m': memberId, ':now': now },
  }, () => invalid('邀请码已被使用', 'used'))
}

/**
 * Makes an existing member (never an admin: they would lose their role; the caller refuses one it
 * read) staff of a store: the staff fields of the member item (`MEMBER#{id}` / `PROFILE`: roles,
 * storeId, staffDisabled), optimistic on the `updatedAt` read — a concurrent change (or a grant of
 * admin meanwhile) is 'retry': read and decide again.
 */
export function staffRolePart(table: Table, current: { memberId: string; updatedAt: string }, role: StaffRole, storeId: string, now: string): Part<'member'> {
  return updatePart('member', table, keys.member(current.memberId), {
    UpdateExpression: 'SET #roles = :roles, storeId = :store, staffDisabled = :false, updatedAt = :now',
    ConditionExpression: 'updatedAt = :read AND NOT contains(#roles, :admin)',
    ExpressionAttributeNames: { '#roles': 'roles' },
    ExpressionAttributeValues: { ':roles': ['member', role], ':store': storeId, ':false': false, ':now': now, ':admin': 'admin', ':read': current.updatedAt },
  }, () => 'retry')
}

/** Gives a disabled staff member their role back at their store, conditioned on the member as read ('retry' otherwise). */
export function staffRestorePart(table: Table, current: { memberId: string; roles: readonly string[]; storeId: string }, role: StaffRole, now: string): Part<'member'> {
  return updatePart('member', table, keys.member(current.memberId), {
    UpdateExpression: 'SET #roles = :roles, staffDisabled = :false, updatedAt = :now',
    ConditionExpression: 'staffDisabled = :true AND storeId = :store AND #roles = :before',
    ExpressionAttributeNames: { '#roles': 'roles' },
    ExpressionAttributeValues: { ':roles': [...new Set([...current.roles, role])], ':before': current.roles, ':store': current.storeId, ':true': true, ':false': false, ':now': now },
  }, () => 'retry')
}
