import type { ProgramRules } from '@siyu/shared/rules/program-rules'
import type { MemberDetail } from '@siyu/shared/schemas/console'
import type { Table } from '../../lib/db'
import { personRefOf, personRefs } from '../../console/names'
import { findCodeSecret } from '../../entities/member-code'
import { findReferral } from '../../entities/referral'
import { readRefStats } from '../../entities/referral-counters'
import { findStore } from '../../entities/store'
import { findStoreStaff, staffRoleOf } from '../../entities/store-staff'
import { getSummary } from '../../ledger/queries'
import { getMyTier } from '../../tiers/my-tier'
import { getMember } from '../members'
import type { MemberItem } from '../member-item'

/**
 * 会员详情: the profile masked (phone masked, birthday as MM-DD), tier and growth (the member's own
 * 会员等级 figures), points, consents, staff rights, referral and short id. Any console operator may
 * read any member: members belong to the brand, not to a store. 404 `member.not_found` when absent.
 */
export async function getMemberDetail(table: Table, rules: ProgramRules, memberId: string, now: Date): Promise<MemberDetail> {
  const member = await getMember(table, memberId)
  const [tier, points, staff, referral, secret] = await Promise.all([
    getMyTier(table, rules, memberId, now), getSummary(table, memberId, rules, now), staffOf(table, member), referralOf(table, memberId), findCodeSecret(table, memberId),
  ])
  const next = tier.next && rules.tiers.find((t) => t.code === tier.next!.code)
  return {
    member: personRefOf(memberId, member),
    avatarUrl: member.avatarUrl,
    birthday: member.birthday ? member.birthday.slice(5) : null,
    roles: member.roles,
    createdAt: member.createdAt,
    lastInteractionAt: member.lastInteractionAt ?? null,
    tier: {
      code: tier.tier.code, name: tier.tier.name, growthFen: tier.growthFen,
      next: tier.next && next ? { code: next.code, name: next.name, thresholdFen: next.thresholdFen } : null,
      reviewOn: tier.keep?.by ?? null,
    },
    points,
    consents: member.consents ?? null,
    staff,
    referral,
    shortId: secret?.shortId ?? null,
  }
}

/** Staff rights: the role held (or, once disabled, held before — from the store's staff list) and the store's name. */
async function staffOf(table: Table, member: MemberItem): Promise<MemberDetail['staff']> {
  if (!member.storeId) return null
  const held = staffRoleOf(member.roles)
  if (!held && !member.staffDisabled) return null
  const [listed, store] = await Promise.all([held ? undefined : findStoreStaff(table, member.storeId, member.memberId), findStore(table, member.storeId)])
  const role = held ?? listed?.role
  if (!role) return null
  return { role, store: { id: member.storeId, name: store?.name ?? member.storeId }, disabled: member.staffDisabled ?? false }
}

/** Who invited the member (by name) and the counts of the members they invited, from their counters. */
async function referralOf(table: Table, memberId: string): Promise<MemberDetail['referral']> {
  const [bound, stats] = await Promise.all([findReferral(table, memberId), readRefStats(table, memberId)])
  const referrer = bound ? (await personRefs(table, [bound.referrerId])).get(bound.referrerId)! : null
  return {
    referrer,
    invited: { joined: stats.joined + stats.unrewarded + stats.rewarding + stats.clawedBack, qualified: stats.qualified, rejected: stats.rejected },
  }
}
