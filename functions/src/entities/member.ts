import { PutCommand, UpdateCommand, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb'
import { Role } from '@siyu/shared/schemas/common'
import { Consents } from '@siyu/shared/schemas/members'
import { z } from 'zod'
import { conditionally, getItem, isConditionFailed, type Table } from '../lib/db'
import { DomainError } from '../lib/errors'
import { keys } from '../lib/keys'
import { commit, TransactionRaced, updatePart, type OnConditionFailed, type Part } from '../lib/transact'
import { nicknameIndexDeletePart, nicknameIndexPutPart, normaliseNickname, phoneIndexDeletePart, phoneIndexPutPart, sameNicknameKey } from './member-index'

/**
 * The member (`MEMBER#{id}` / `PROFILE`), its openid identity (`OPENID#{openid}` / `IDENTITY`),
 * its unionid index entry (gsi1 `UNIONID#…`) and its birthday index entry (`BIRTHDAY#{MM}`).
 * Phone is kept encrypted plus a keyed hash and a masked copy. `lastInteractionAt` is moved on by
 * the stream's `member.interaction` reaction (`noteInteraction`), never backwards.
 */
export const MemberItem = z.object({
  pk: z.string(),
  sk: z.literal('PROFILE'),
  type: z.literal('member'),
  memberId: z.string(),
  openid: z.string(),
  unionid: z.string().optional(),
  nickname: z.string().nullable(),
  avatarUrl: z.string().nullable(),
  birthday: z.string().nullable(),
  phoneEnc: z.string().optional(),
  phoneHash: z.string().optional(),
  phoneMasked: z.string().optional(),
  roles: z.array(Role),
  storeId: z.string().nullable(),
  consents: Consents.optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  lastInteractionAt: z.string(),
  /** Set when an admin disables a staff member; staff endpoints refuse them. */
  staffDisabled: z.boolean().optional(),
  /** The member's own invite code (created when first asked for). */
  inviteCode: z.string().optional(),
  /** Check-in points × multiplier until then (a referral milestone). */
  checkinBoost: z.object({ multiplier: z.number(), until: z.string() }).optional(),
  /** Referral milestones granted (by their `qualified` count), each once. */
  milestonesGranted: z.array(z.number()).optional(),
}).loose()
export type MemberItem = z.infer<typeof MemberItem>

const IdentityItem = z.object({ memberId: z.string() }).loose()

const notFound = () => new DomainError('member.not_found', '会员不存在')

/** The member as stored (consistent read); undefined when there is none. */
export async function getMemberItem(table: Table, memberId: string): Promise<MemberItem | undefined> {
  const raw = await getItem(table, keys.member(memberId))
  return raw ? MemberItem.parse(raw) : undefined
}

/** The member of a WeChat openid (consistent read of its identity item). */
export async function memberIdOfOpenid(table: Table, openid: string): Promise<string | undefined> {
  const raw = await getItem(table, keys.openidIdentity(openid))
  return raw ? IdentityItem.parse(raw).memberId : undefined
}

/** A first login's member: no profile yet, the one role everybody has, every time the same instant. */
export function newMemberItem(memberId: string, identity: { openid: string; unionid?: string }, now: string): MemberItem {
  return MemberItem.parse({
    ...keys.member(memberId), type: 'member', memberId, openid: identity.openid,
    ...(identity.unionid ? { unionid: identity.unionid, ...keys.memberByUnionid(identity.unionid) } : {}),
    nickname: null, avatarUrl: null, birthday: null, roles: ['member'], storeId: null, createdAt: now, updatedAt: now, lastInteractionAt: now,
  })
}

/**
 * A first login (Tx): the openid's identity and the member, both `attribute_not_exists`. The
 * identity failing means another request created this openid's member first.
 */
export function memberCreateParts(table: Table, member: MemberItem): Part<'identity' | 'member'>[] {
  return [
    {
      name: 'identity',
      item: { Put: { TableName: table.name, Item: { ...keys.openidIdentity(member.openid), type: 'identity', memberId: member.memberId, createdAt: member.createdAt }, ConditionExpression: 'attribute_not_exists(pk)' } },
    },
    { name: 'member', item: { Put: { TableName: table.name, Item: member, ConditionExpression: 'attribute_not_exists(pk)' } } },
  ]
}

/** One conditioned update of the member; the item after it (parsed), or the refusal of a failed condition. */
async function updateMember(table: Table, memberId: string, input: Omit<UpdateCommandInput, 'TableName' | 'Key' | 'ReturnValues'>, onFailed: OnConditionFailed): Promise<MemberItem> {
  try {
    const { Attributes } = await table.db.send(new UpdateCommand({ TableName: table.name, Key: keys.member(memberId), ...input, ReturnValues: 'ALL_NEW' }))
    return MemberItem.parse(Attributes)
  } catch (err) {
    if (!isConditionFailed(err)) throw err
    const outcome = onFailed()
    throw outcome === 'retry' ? new TransactionRaced(new Set(['member']), { cause: err }) : outcome
  }
}

export interface ProfilePatch {
  nickname?: string
  avatarUrl?: string
  birthday?: string
}

/**
 * Sets the given profile fields (Tx): the member, optimistic on the `updatedAt` read (a concurrent
 * change: 'retry', decide again), and the nickname index item moved with the nickname (the old one
 * deleted). A birthday, once set, can only be "set" again to the same date (else
 * `member.birthday_locked`; the caller checks the member read, the condition guards a race).
 */
export async function updateMemberProfile(table: Table, current: MemberItem, patch: ProfilePatch, at: string): Promise<MemberItem> {
  if (patch.birthday !== undefined && current.birthday !== null && current.birthday !== patch.birthday) throw birthdayLocked()
  const values: Record<string, unknown> = { ':now': at, ':read': current.updatedAt }
  const sets = ['updatedAt = :now']
  for (const field of ['nickname', 'avatarUrl', 'birthday'] as const) {
    if (patch[field] === undefined) continue
    sets.push(`${field} = :${field}`)
    values[`:${field}`] = patch[field]
  }
  const birthdayGuard = patch.birthday === undefined ? '' : ' AND (birthday = :null OR birthday = :birthday)'
  if (birthdayGuard) values[':null'] = null
  const { memberId } = current
  await commit(table, [
    updatePart('member', table, keys.member(memberId), {
      UpdateExpression: `SET ${sets.join(', ')}`, ConditionExpression: `updatedAt = :read${birthdayGuard}`, ExpressionAttributeValues: values,
    }, () => 'retry'),
    ...nicknameIndexParts(table, memberId, current.nickname, patch.nickname),
  ])
  return MemberItem.parse({ ...current, ...definedOf(patch), updatedAt: at })
}

const birthdayLocked = () => new DomainError('member.birthday_locked', '生日设置后不可修改')

const definedOf = (patch: ProfilePatch) => Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined))

/** The nickname's index item follows the nickname: the new one put, the old one (if on another key) deleted. */
function nicknameIndexParts(table: Table, memberId: string, before: string | null, after: string | undefined): Part[] {
  if (after === undefined || (before !== null && sameNicknameKey(before, after))) return []
  const put = normaliseNickname(after) ? [nicknameIndexPutPart(table, after, memberId)] : []
  return [...put, ...(before !== null && normaliseNickname(before) ? [nicknameIndexDeletePart(table, before, memberId)] : [])]
}

/** The birthday-gift job finds members by month (`BIRTHDAY#{MM}` / `{memberId}`); setting the same birthday again writes the same item. */
export async function putBirthdayIndex(table: Table, memberId: string, birthday: string): Promise<void> {
  await table.db.send(new PutCommand({ TableName: table.name, Item: { ...keys.birthdayMonth(birthday.slice(5, 7), memberId), type: 'birthdayIndex', memberId } }))
}

/**
 * The phone as stored (Tx): encrypted, its keyed hash (for look-ups) and a masked copy (for
 * display) on the member, optimistic on the `updatedAt` read ('retry': decide again), and the
 * phone index item of the hash (a re-bind to another number deletes the old one). A number may be
 * bound to several members (one person, two WeChat accounts): each has its own index item, and
 * referral checks rely on seeing them share it.
 */
export async function setMemberPhone(table: Table, current: MemberItem, phone: { enc: string; hash: string; masked: string }, at: string): Promise<MemberItem> {
  const { memberId, phoneHash: before } = current
  await commit(table, [
    updatePart('member', table, keys.member(memberId), {
      UpdateExpression: 'SET phoneEnc = :enc, phoneHash = :hash, phoneMasked = :masked, updatedAt = :now', ConditionExpression: 'updatedAt = :read',
      ExpressionAttributeValues: { ':enc': phone.enc, ':hash': phone.hash, ':masked': phone.masked, ':now': at, ':read': current.updatedAt },
    }, () => 'retry'),
    phoneIndexPutPart(table, phone.hash, memberId),
    ...(before && before !== phone.hash ? [phoneIndexDeletePart(table, before, memberId)] : []),
  ])
  return MemberItem.parse({ ...current, phoneEnc: phone.enc, phoneHash: phone.hash, phoneMasked: phone.masked, updatedAt: at })
}

/** The consents, optimistic on the `updatedAt` they were decided from: a concurrent change raises `TransactionRaced` (decide again). */
export function setMemberConsents(table: Table, memberId: string, consents: Consents, at: string, readUpdatedAt: string): Promise<MemberItem> {
  return updateMember(table, memberId, {
    UpdateExpression: 'SET consents = :c, updatedAt = :now', ConditionExpression: 'updatedAt = :prevUpdatedAt',
    ExpressionAttributeValues: { ':c': consents, ':now': at, ':prevUpdatedAt': readUpdatedAt },
  }, () => 'retry')
}

/** An operator's grant: the member's roles and store, optimistic on the `updatedAt` read (a concurrent change: 'retry', decide again). */
export function memberGrantPart(table: Table, current: MemberItem, grant: { roles: Role[]; storeId: string | null }, at: string): Part<'member'> {
  return updatePart('member', table, keys.member(current.memberId), {
    UpdateExpression: 'SET #roles = :roles, storeId = :storeId, updatedAt = :now', ConditionExpression: 'updatedAt = :read',
    ExpressionAttributeNames: { '#roles': 'roles' }, ExpressionAttributeValues: { ':roles': grant.roles, ':storeId': grant.storeId, ':now': at, ':read': current.updatedAt },
  }, () => 'retry')
}

/** The member's roles moved from those read to `after` (a concurrent change: 'retry', decide again); `disable` marks staff disabled. */
export function memberRolesPart(table: Table, memberId: string, change: { before: Role[]; after: Role[]; disable: boolean; at: string }): Part<'member'> {
  const { before, after, disable, at } = change
  return updatePart('member', table, keys.member(memberId), {
    UpdateExpression: `SET #roles = :roles, updatedAt = :now${disable ? ', staffDisabled = :true' : ''}`,
    ConditionExpression: '#roles = :before', ExpressionAttributeNames: { '#roles': 'roles' },
    ExpressionAttributeValues: { ':roles': after, ':before': before, ':now': at, ...(disable ? { ':true': true } : {}) },
  }, () => 'retry')
}

/** The caller still holds the admin role when the transaction commits (else 403). */
export function adminCheckPart(table: Table, adminId: string): Part<'admin'> {
  return {
    name: 'admin',
    item: { ConditionCheck: { TableName: table.name, Key: keys.member(adminId), ConditionExpression: 'contains(#roles, :admin)', ExpressionAttributeNames: { '#roles': 'roles' }, ExpressionAttributeValues: { ':admin': 'admin' } } },
    onConditionFailed: () => new DomainError('auth.forbidden', '没有权限执行此操作'),
  }
}

/** The audit entry of a role removal (`AUDIT#{day}` / `{at}#role-remove:{member}:{role}`), written once. */
export function roleRemovalAuditPart(table: Table, day: string, entry: { adminId: string; memberId: string; role: Role; rolesBefore: Role[]; rolesAfter: Role[]; requestId: string; at: string }): Part<'audit'> {
  const item = {
    ...keys.audit(day, entry.at, `role-remove:${entry.memberId}:${entry.role}`), type: 'audit', action: 'member.role_remove',
    actorId: entry.adminId, memberId: entry.memberId, role: entry.role, rolesBefore: entry.rolesBefore, rolesAfter: entry.rolesAfter, requestId: entry.requestId, at: entry.at,
  }
  return { name: 'audit', item: { Put: { TableName: table.name, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } } }
}

/** The member's invite code, set once (a member who has one already: 'retry', read it). */
export function memberInviteCodePart(table: Table, memberId: string, code: string): Part<'member'> {
  return {
    name: 'member',
    item: { Update: { TableName: table.name, Key: keys.member(memberId), UpdateExpression: 'SET inviteCode = :code', ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(inviteCode)', ExpressionAttributeValues: { ':code': code } } },
    onConditionFailed: () => 'retry',
  }
}

/** A referral milestone's check-in boost, once per milestone; false when it was granted before. */
export async function grantMemberMilestone(table: Table, memberId: string, milestone: number, boost: { multiplier: number; until: string }): Promise<boolean> {
  return conditionally(table.db.send(new UpdateCommand({
    TableName: table.name, Key: keys.member(memberId),
    UpdateExpression: 'SET checkinBoost = :boost, milestonesGranted = list_append(if_not_exists(milestonesGranted, :none), :m)',
    ConditionExpression: 'attribute_exists(pk) AND NOT contains(milestonesGranted, :q)',
    ExpressionAttributeValues: { ':boost': boost, ':none': [], ':m': [milestone], ':q': milestone },
  })))
}

/** A write's member exists when it commits (a ConditionCheck; else `member.not_found`). */
export function memberExistsPart(table: Table, memberId: string): Part<'member'> {
  return {
    name: 'member',
    item: { ConditionCheck: { TableName: table.name, Key: keys.member(memberId), ConditionExpression: 'attribute_exists(pk)' } },
    onConditionFailed: notFound,
  }
}

/**
 * The member interacted at `at` (lifecycle stages read it): moves `lastInteractionAt` forward only,
 * so a late or repeated event changes nothing. False when nothing changed (or no such member).
 */
export async function noteInteraction(table: Table, memberId: string, at: string): Promise<boolean> {
  return conditionally(table.db.send(new UpdateCommand({
    TableName: table.name, Key: keys.member(memberId),
    UpdateExpression: 'SET lastInteractionAt = :at',
    ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(lastInteractionAt) OR lastInteractionAt < :at)',
    ExpressionAttributeValues: { ':at': at },
  })))
}
