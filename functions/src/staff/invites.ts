import { randomInt } from 'node:crypto'
import { PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb'
import type { StaffInvite, StaffInviteRequest, StaffRole } from '@siyu/shared/schemas/staff'
import { conditionFailedAt, getItem, isConditionFailed, type Table } from '../lib/db'
import { DomainError } from '../lib/errors'
import type { Clock } from '../lib/ids'
import { keys } from '../lib/keys'
import { limits } from '../lib/limits'
import { takeToken } from '../lib/rate-limit'
import type { MemberItem } from '../members/member-item'
import { getStore } from '../stores/stores'

const INVITE_HOURS = 24
const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ' // no 0/O, 1/I: read aloud and typed by people

export const newInviteCode = () => Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('')

interface InviteItem {
  pk: string
  sk: 'INVITE'
  type: 'staffInvite'
  inviteCode: string
  storeId: string
  role: StaffRole
  createdBy: string
  createdAt: string
  expiresAt: string
  ttl: number
  usedBy?: string
  usedAt?: string
}

/** A one-time code that makes whoever binds it `role` of `storeId`; expires in 24 hours. */
export async function createInvite(deps: { table: Table; clock: Clock; code?: () => string }, adminId: string, req: StaffInviteRequest): Promise<StaffInvite> {
  await getStore(deps.table, req.storeId)
  const now = deps.clock()
  const expiresAt = new Date(now.getTime() + INVITE_HOURS * 3_600_000)
  for (let attempt = 0; attempt < 5; attempt++) {
    const inviteCode = (deps.code ?? newInviteCode)()
    const item: InviteItem = {
      ...(keys.staffInvite(inviteCode) as { pk: string; sk: 'INVITE' }), type: 'staffInvite', inviteCode, storeId: req.storeId, role: req.role,
      createdBy: adminId, createdAt: now.toISOString(), expiresAt: expiresAt.toISOString(),
      // Kept a week after expiry so a late attempt is told it expired, then removed.
      ttl: Math.floor(expiresAt.getTime() / 1000) + 7 * 86_400,
    }
    try {
      await deps.table.db.send(new PutCommand({ TableName: deps.table.name, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }))
      return { inviteCode, storeId: req.storeId, role: req.role, expiresAt: item.expiresAt }
    } catch (err) {
      if (!isConditionFailed(err)) throw err
    }
  }
  throw new Error('could not draw an unused invite code')
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
  const invite = await getItem<InviteItem>(deps.table, keys.staffInvite(inviteCode))
  if (!invite) throw invalid('邀请码无效', 'unknown')
  if (invite.usedBy) throw invalid(invite.usedBy === memberId ? '您已使用过此邀请码' : '邀请码已被使用', 'used')
  if (invite.expiresAt <= now) throw invalid('邀请码已过期，请联系管理员重新生成', 'expired')
  const roles = ['member', invite.role]
  try {
    await deps.table.db.send(new TransactWriteCommand({
      TransactItems: [
        {
          Update: {
            TableName: deps.table.name, Key: keys.staffInvite(inviteCode),
            UpdateExpression: 'SET usedBy = :m, usedAt = :now',
            ConditionExpression: 'attribute_not_exists(usedBy) AND expiresAt > :now',
            ExpressionAttributeValues: { ':m': memberId, ':now': now },
          },
        },
        {
          Update: {
            TableName: deps.table.name, Key: keys.member(memberId),
            UpdateExpression: 'SET #roles = :roles, storeId = :store, staffDisabled = :false, updatedAt = :now',
            ConditionExpression: 'attribute_exists(pk) AND NOT contains(#roles, :admin)',
            ExpressionAttributeNames: { '#roles': 'roles' },
            ExpressionAttributeValues: { ':roles': roles, ':store': invite.storeId, ':false': false, ':now': now, ':admin': 'admin' },
          },
        },
      ],
    }))
  } catch (err) {
    if (conditionFailedAt(err, 0)) throw invalid('邀请码已被使用', 'used')
    if (conditionFailedAt(err, 1)) throw invalid('管理员账号不能绑定为门店员工', 'admin')
    throw err
  }
  return (await getItem<MemberItem>(deps.table, keys.member(memberId))) as MemberItem
}

/** Takes a staff member's rights away now: back to member, flagged so staff endpoints refuse them. */
export async function disableStaff(deps: { table: Table; clock: Clock }, memberId: string): Promise<MemberItem> {
  try {
    const { Attributes } = await deps.table.db.send(new UpdateCommand({
      TableName: deps.table.name, Key: keys.member(memberId),
      UpdateExpression: 'SET #roles = :roles, staffDisabled = :true, updatedAt = :now',
      ConditionExpression: 'attribute_exists(pk) AND (contains(#roles, :clerk) OR contains(#roles, :manager) OR staffDisabled = :true)',
      ExpressionAttributeNames: { '#roles': 'roles' },
      ExpressionAttributeValues: { ':roles': ['member'], ':true': true, ':now': deps.clock().toISOString(), ':clerk': 'clerk', ':manager': 'manager' },
      ReturnValues: 'ALL_NEW',
    }))
    return Attributes as MemberItem
  } catch (err) {
    if (isConditionFailed(err)) throw new DomainError('member.not_found', '该会员不是门店员工')
    throw err
  }
}
