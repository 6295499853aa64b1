import { PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb'
import type { ConsentsRequest, UpdateMeRequest } from '@siyu/shared/schemas/members'
import type { ProgramRules } from '@siyu/shared/rules/program-rules'
import { maskPhone } from '@siyu/shared/rules/phone'
import { conditionFailedAt, getItem, isConditionFailed, type Table } from '../lib/db'
import { DomainError } from '../lib/errors'
import type { Clock, IdSource } from '../lib/ids'
import { keys } from '../lib/keys'
import { encryptPii, hashPii } from '../lib/pii'
import { needsConsent, type MemberItem } from './member-item'

export interface MemberDeps {
  table: Table
  clock: Clock
  ids: IdSource
}

export async function findMember(table: Table, memberId: string): Promise<MemberItem | undefined> {
  return getItem<MemberItem>(table, keys.member(memberId))
}

export async function getMember(table: Table, memberId: string): Promise<MemberItem> {
  const item = await findMember(table, memberId)
  if (!item) throw new DomainError('member.not_found', '会员不存在')
  return item
}

async function memberIdForOpenid(table: Table, openid: string): Promise<string | undefined> {
  const identity = await getItem(table, keys.openidIdentity(openid))
  return identity?.memberId as string | undefined
}

/**
 * Finds or creates the member of an openid. The identity item and the member are written in
 * one transaction guarded by `attribute_not_exists`, so concurrent first logins create one member.
 */
export async function loginByOpenid(
  deps: MemberDeps,
  identity: { openid: string; unionid?: string },
): Promise<{ member: MemberItem; isNew: boolean }> {
  const existingId = await memberIdForOpenid(deps.table, identity.openid)
  if (existingId) return { member: await getMember(deps.table, existingId), isNew: false }

  const now = deps.clock().toISOString()
  const memberId = deps.ids('m')
  const member: MemberItem = {
    ...(keys.member(memberId) as { pk: string; sk: 'PROFILE' }),
    type: 'member',
    memberId,
    openid: identity.openid,
    ...(identity.unionid ? { unionid: identity.unionid, ...keys.memberByUnionid(identity.unionid) } : {}),
    nickname: null,
    avatarUrl: null,
    birthday: null,
    roles: ['member'],
    storeId: null,
    createdAt: now,
    updatedAt: now,
    lastInteractionAt: now,
  }
  try {
    await deps.table.db.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: deps.table.name,
              Item: { ...keys.openidIdentity(identity.openid), type: 'identity', memberId, createdAt: now },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          { Put: { TableName: deps.table.name, Item: member, ConditionExpression: 'attribute_not_exists(pk)' } },
        ],
      }),
    )
    return { member, isNew: true }
  } catch (err) {
    if (!conditionFailedAt(err, 0)) throw err
    // Another request created this openid's member first: it is the member.
    const winner = await memberIdForOpenid(deps.table, identity.openid)
    if (!winner) throw err
    return { member: await getMember(deps.table, winner), isNew: false }
  }
}

/** Refuses members who have not accepted the current privacy policy (403 member.consent_required). */
export function requireConsent(item: MemberItem, rules: ProgramRules): void {
  if (needsConsent(item, rules)) throw new DomainError('member.consent_required', '请先阅读并同意隐私政策')
}

/** Edits the profile. A birthday, once set, can only be "set" again to the same date. */
export async function updateProfile(
  deps: MemberDeps,
  memberId: string,
  patch: UpdateMeRequest,
  rules: ProgramRules,
): Promise<MemberItem> {
  const current = await getMember(deps.table, memberId)
  requireConsent(current, rules)
  const values: Record<string, unknown> = { ':now': deps.clock().toISOString() }
  const sets = ['updatedAt = :now']
  for (const field of ['nickname', 'avatarUrl', 'birthday'] as const) {
    if (patch[field] === undefined) continue
    sets.push(`${field} = :${field}`)
    values[`:${field}`] = patch[field]
  }
  const birthdayGuard = patch.birthday === undefined ? '' : ' AND (birthday = :null OR birthday = :birthday)'
  if (birthdayGuard) values[':null'] = null
  try {
    const { Attributes } = await deps.table.db.send(
      new UpdateCommand({
        TableName: deps.table.name,
        Key: keys.member(memberId),
        UpdateExpression: `SET ${sets.join(', ')}`,
        ConditionExpression: `attribute_exists(pk)${birthdayGuard}`,
        ExpressionAttributeValues: values,
        ReturnValues: 'ALL_NEW',
      }),
    )
    // The birthday-gift job finds members by month (a repeat of the same birthday writes the same item).
    if (patch.birthday) {
      await deps.table.db.send(new PutCommand({
        TableName: deps.table.name, Item: { ...keys.birthdayMonth(patch.birthday.slice(5, 7), memberId), type: 'birthdayIndex', memberId },
      }))
    }
    return Attributes as MemberItem
  } catch (err) {
    if (isConditionFailed(err) && birthdayGuard) throw new DomainError('member.birthday_locked', '生日设置后不可修改')
    throw err
  }
}

/** Stores the phone number encrypted, with a keyed hash for look-ups and a masked copy for display. */
export async function setPhone(
  deps: MemberDeps & { piiKey: Buffer },
  memberId: string,
  phoneNumber: string,
  rules: ProgramRules,
): Promise<MemberItem> {
  requireConsent(await getMember(deps.table, memberId), rules)
  const { Attributes } = await deps.table.db.send(
    new UpdateCommand({
      TableName: deps.table.name,
      Key: keys.member(memberId),
      UpdateExpression: 'SET phoneEnc = :enc, phoneHash = :hash, phoneMasked = :masked, updatedAt = :now',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: {
        ':enc': encryptPii(deps.piiKey, phoneNumber),
        ':hash': hashPii(deps.piiKey, phoneNumber),
        ':masked': maskPhone(phoneNumber),
        ':now': deps.clock().toISOString(),
      },
      ReturnValues: 'ALL_NEW',
    }),
  )
  return Attributes as MemberItem
}

/**
 * Records consent. The privacy policy must be the current version; each opt-in keeps the
 * time it was last changed, so an unchanged choice keeps its original timestamp.
 */
export async function setConsents(
  deps: MemberDeps,
  memberId: string,
  req: ConsentsRequest,
  rules: ProgramRules,
  attempt = 0,
): Promise<MemberItem> {
  if (req.privacyPolicyVersion !== rules.privacy.policyVersion) {
    throw new DomainError('consent.policy_outdated', '隐私政策已更新，请阅读最新版本后再同意', {
      currentVersion: rules.privacy.policyVersion,
    })
  }
  const current = await getMember(deps.table, memberId)
  const now = deps.clock().toISOString()
  const prev = current.consents
  const choice = (optIn: boolean, before?: { optIn: boolean; at: string }) =>
    before && before.optIn === optIn ? before : { optIn, at: now }
  const consents = {
    privacyPolicyVersion: req.privacyPolicyVersion,
    privacyAcceptedAt: prev?.privacyPolicyVersion === req.privacyPolicyVersion ? prev.privacyAcceptedAt : now,
    marketing: choice(req.marketing, prev?.marketing),
    personalisation: choice(req.personalisation, prev?.personalisation),
  }
  try {
    const { Attributes } = await deps.table.db.send(
      new UpdateCommand({
        TableName: deps.table.name,
        Key: keys.member(memberId),
        UpdateExpression: 'SET consents = :c, updatedAt = :now',
        // Optimistic: a concurrent consent change makes this one retry on fresh data.
        ConditionExpression: 'updatedAt = :prevUpdatedAt',
        ExpressionAttributeValues: { ':c': consents, ':now': now, ':prevUpdatedAt': current.updatedAt },
        ReturnValues: 'ALL_NEW',
      }),
    )
    return Attributes as MemberItem
  } catch (err) {
    if (isConditionFailed(err) && attempt < 3) return setConsents(deps, memberId, req, rules, attempt + 1)
    throw err
  }
}
