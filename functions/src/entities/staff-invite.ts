import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb'
import { StaffRole } from '@siyu/shared/schemas/staff'
import { z } from 'zod'
import { conditionally, getItem, isConditionFailed, type Table } from '../lib/db'
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

/** Stores a new invite; false when its code is taken (draw another). */
export async function putNewInvite(table: Table, invite: StaffInviteFields): Promise<boolean> {
  return conditionally(table.db.send(new PutCommand({
    TableName: table.name, Item: { ...keys.staffInvite(invite.inviteCode), ...invite, type: 'staffInvite' }, ConditionExpression: 'attribute_not_exists(pk)',
  })))
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
 * Makes an existing member (never an admin: they would lose their role) staff of a store: the
 * staff fields of the member item (`MEMBER#{id}` / `PROFILE`: roles, storeId, staffDisabled).
 */
export function staffRolePart(table: Table, memberId: string, role: StaffRole, storeId: string, now: string): Part<'member'> {
  return updatePart('member', table, keys.member(memberId), {
    UpdateExpression: 'SET #roles = :roles, storeId = :store, staffDisabled = :false, updatedAt = :now',
    ConditionExpression: 'attribute_exists(pk) AND NOT contains(#roles, :admin)',
    ExpressionAttributeNames: { '#roles': 'roles' },
    ExpressionAttributeValues: { ':roles': ['member', role], ':store': storeId, ':false': false, ':now': now, ':admin': 'admin' },
  }, () => invalid('管理员账号不能绑定为门店员工', 'admin'))
}

/** Takes a staff member's rights away: back to member, flagged so staff endpoints refuse them; `member.not_found` if not staff. */
export async function disableStaffRole(table: Table, memberId: string, now: string): Promise<void> {
  try {
    await table.db.send(new UpdateCommand({
      TableName: table.name, Key: keys.member(memberId),
      UpdateExpression: 'SET #roles = :roles, staffDisabled = :true, updatedAt = :now',
      ConditionExpression: 'attribute_exists(pk) AND (contains(#roles, :clerk) OR contains(#roles, :manager) OR staffDisabled = :true)',
      ExpressionAttributeNames: { '#roles': 'roles' },
      ExpressionAttributeValues: { ':roles': ['member'], ':true': true, ':now': now, ':clerk': 'clerk', ':manager': 'manager' },
    }))
  } catch (err) {
    if (isConditionFailed(err)) throw new DomainError('member.not_found', '该会员不是门店员工')
    throw err
  }
}
