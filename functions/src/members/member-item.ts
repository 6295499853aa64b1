import type { Consents, Member } from '@siyu/shared/schemas/members'
import type { Role } from '@siyu/shared/schemas/common'
import type { ProgramRules } from '@siyu/shared/rules/program-rules'

/** A member as stored (`MEMBER#{id}` / `PROFILE`). Phone is kept encrypted plus a masked copy. */
export interface MemberItem {
  pk: string
  sk: 'PROFILE'
  type: 'member'
  memberId: string
  openid: string
  unionid?: string
  nickname: string | null
  avatarUrl: string | null
  birthday: string | null
  phoneEnc?: string
  phoneHash?: string
  phoneMasked?: string
  roles: Role[]
  storeId: string | null
  consents?: Consents
  createdAt: string
  updatedAt: string
  lastInteractionAt: string
  /** Set when an admin disables a staff member; staff endpoints refuse them. */
  staffDisabled?: boolean
  /** The member's own invite code (created when first asked for). */
  inviteCode?: string
  /** Check-in points × multiplier until then (a referral milestone). */
  checkinBoost?: { multiplier: number; until: string }
  /** Referral milestones granted (by their `qualified` count), each once. */
  milestonesGranted?: number[]
}

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
