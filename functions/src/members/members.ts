import type { ConsentsRequest, UpdateMeRequest } from '@siyu/shared/schemas/members'
import type { ProgramRules } from '@siyu/shared/rules/program-rules'
import { maskPhone } from '@siyu/shared/rules/phone'
import type { Table } from '../lib/db'
import { DomainError } from '../lib/errors'
import type { Clock, IdSource } from '../lib/ids'
import { encryptPii, hashPii } from '../lib/pii'
import { withRetry } from '../lib/retry'
import { transact } from '../lib/transact'
import {
  getMemberItem, memberCreateParts, memberIdOfOpenid, newMemberItem, putBirthdayIndex, setMemberConsents, setMemberPhone, updateMemberProfile,
} from '../entities/member'
import { needsConsent, type MemberItem } from './member-item'

export interface MemberDeps {
  table: Table
  clock: Clock
  ids: IdSource
}

export const findMember = getMemberItem

export async function getMember(table: Table, memberId: string): Promise<MemberItem> {
  const item = await getMemberItem(table, memberId)
  if (!item) throw new DomainError('member.not_found', '会员不存在')
  return item
}

/**
 * Finds or creates the member of an openid. The identity item and the member are written in
 * one transaction guarded by `attribute_not_exists`, so concurrent first logins create one member.
 */
export async function loginByOpenid(
  deps: MemberDeps,
  identity: { openid: string; unionid?: string },
): Promise<{ member: MemberItem; isNew: boolean }> {
  const existingId = await memberIdOfOpenid(deps.table, identity.openid)
  if (existingId) return { member: await getMember(deps.table, existingId), isNew: false }

  const member = newMemberItem(deps.ids('m'), identity, deps.clock().toISOString())
  const failed = await transact(deps.table, memberCreateParts(deps.table, member))
  if (!failed) return { member, isNew: true }
  // Another request created this openid's member first: it is the member.
  const winner = failed.has('identity') ? await memberIdOfOpenid(deps.table, identity.openid) : undefined
  if (!winner) throw new Error(`could not create the member of an openid (failed: ${[...failed].join(', ') || 'conflict'})`)
  return { member: await getMember(deps.table, winner), isNew: false }
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
  // Optimistic: a concurrent change of the member makes this edit decide again on fresh data.
  const item = await withRetry(async () => {
    const current = await getMember(deps.table, memberId)
    requireConsent(current, rules)
    return updateMemberProfile(deps.table, current, patch, deps.clock().toISOString())
  })
  // The birthday-gift job finds members by month (a repeat of the same birthday writes the same item).
  if (patch.birthday) await putBirthdayIndex(deps.table, memberId, patch.birthday)
  return item
}

/** Stores the phone number encrypted, with a keyed hash for look-ups (and its index item) and a masked copy for display. */
export async function setPhone(
  deps: MemberDeps & { piiKey: Buffer },
  memberId: string,
  phoneNumber: string,
  rules: ProgramRules,
): Promise<MemberItem> {
  const phone = { enc: encryptPii(deps.piiKey, phoneNumber), hash: hashPii(deps.piiKey, phoneNumber), masked: maskPhone(phoneNumber) }
  return withRetry(async () => {
    const current = await getMember(deps.table, memberId)
    requireConsent(current, rules)
    return setMemberPhone(deps.table, current, phone, deps.clock().toISOString())
  })
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
): Promise<MemberItem> {
  if (req.privacyPolicyVersion !== rules.privacy.policyVersion) {
    throw new DomainError('consent.policy_outdated', '隐私政策已更新，请阅读最新版本后再同意', {
      currentVersion: rules.privacy.policyVersion,
    })
  }
  // Optimistic: a concurrent consent change makes this one decide again on fresh data.
  return withRetry(async () => {
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
    return setMemberConsents(deps.table, memberId, consents, now, current.updatedAt)
  })
}
