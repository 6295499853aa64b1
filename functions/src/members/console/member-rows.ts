import type { ProgramRules } from '@siyu/shared/rules/program-rules'
import type { MemberRow } from '@siyu/shared/schemas/console'
import { AccountItem } from '../../entities/account'
import { MemberItem } from '../../entities/member'
import { TierItem } from '../../entities/tier'
import { getItems, type Table } from '../../lib/db'
import { keys } from '../../lib/keys'
import { personRefOf } from '../../console/names'
import { tierIndex } from '../../tiers/tier-state'

/**
 * The search's rows: each member's profile, tier and account in one BatchGet round (three keys a
 * member; eventually consistent — a list for display). Ids with no member item are left out; the
 * order of `memberIds` is kept.
 */
export async function memberRows(table: Table, rules: ProgramRules, memberIds: string[]): Promise<MemberRow[]> {
  const ids = [...new Set(memberIds)]
  const raw = ids.length ? await getItems(table, ids.flatMap((id) => [keys.member(id), keys.tier(id), keys.account(id)])) : []
  const members = new Map<string, MemberItem>()
  const tiers = new Map<string, TierItem>()
  const accounts = new Map<string, AccountItem>()
  for (const item of raw) {
    if (item.sk === 'PROFILE') members.set(String(item.pk), MemberItem.parse(item))
    else if (item.sk === 'TIER') tiers.set(String(item.pk), TierItem.parse(item))
    else if (item.sk === 'ACCOUNT') accounts.set(String(item.pk), AccountItem.parse(item))
  }
  return ids.flatMap((id) => {
    const pk = keys.memberPartition(id)
    const m = members.get(pk)
    if (!m) return []
    const tier = rules.tiers[tierIndex(rules, tiers.get(pk)?.tier ?? rules.tiers[0].code)]
    const account = accounts.get(pk)
    return [{
      member: personRefOf(id, m), tier: { code: tier.code, name: tier.name }, available: account?.available ?? 0, debt: account?.debt ?? 0,
      roles: m.roles, createdAt: m.createdAt,
    }]
  })
}
