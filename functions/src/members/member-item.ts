import type { Member } from '@siyu/shared/schemas/members'
import type { MemberItem } from '../entities/member'
import type { ProgramRules } from '@siyu/shared/rules/program-rules'

/** A member as stored: its schema and persistence live in `entities/member.ts`. */
export type { MemberItem } from '../entities/member'

export const needsConsent = (item: MemberItem, rules: ProgramRules) =>
  item.consents?.privacyPolicyVersion !== rules.privacy.policyVersion

/** The API view of a member: never the openid, the encrypted phone or the phone hash. */
export function toMember(item: MemberItem, rules: ProgramRules): Member {
  return {
    id: item.memberId as Member['id'],
    nickname: item.nickname,
    avatarUrl: item.avatarUrl,
    birthday: item.birthday,
    phone: item.phoneMasked ?? null,
    roles: item.roles,
    storeId: (item.storeId ?? null) as Member['storeId'],
    consents: item.consents ?? null,
    needsConsent: needsConsent(item, rules),
    createdAt: item.createdAt,
  }
}
