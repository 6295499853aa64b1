import { listMyCoupons } from '../coupons/wallet'
import { readTier } from '../tiers/tier-state'
import { timingSafeEqual } from 'node:crypto'
import { hotp, parseMemberCode, stepAt } from '@siyu/shared/rules/member-code'
import type { ProgramRules, Tier } from '@siyu/shared/rules/program-rules'
import { shanghaiWeekday } from '@siyu/shared/rules/tiers'
import type { MemberCard } from '@siyu/shared/schemas/member-code'
import { DomainError } from '../lib/errors'
import type { Part } from '../lib/transact'
import { memberCodeUsePart, putMemberCodeUse, replayed } from '../entities/member-code'
import { getSummary } from '../ledger/queries'
import { getMember } from '../members/members'
import { findCodeSecret, memberIdForShortId, openSecret, type CodeSecretDeps } from './secret'

const forged = () => new DomainError('member_code.invalid', '会员码无效，请让顾客刷新会员码后重试')
const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b))

/**
 * Resolves a scanned code to its member and step. Accepts the current step ± `acceptSteps`;
 * a code from further back (within `expiredLookbackSteps`) is expired; anything else — an
 * unknown short id, a wrong one-time password, a code from the future — is forged.
 */
export async function resolveMemberCode(deps: CodeSecretDeps, rules: ProgramRules, code: string): Promise<{ memberId: string; step: number }> {
  const parsed = parseMemberCode(code)
  if (!parsed) throw new DomainError('member_code.malformed', '会员码格式不正确（应为 14 位数字）')
  const memberId = await memberIdForShortId(deps.table, parsed.shortId)
  const item = memberId ? await findCodeSecret(deps.table, memberId) : undefined
  if (!memberId || !item) throw forged()
  const secret = openSecret(deps, item)
  const { stepSeconds, acceptSteps, expiredLookbackSteps } = rules.memberCode
  const now = stepAt(deps.clock(), stepSeconds)
  for (let d = -acceptSteps; d <= acceptSteps; d++) {
    if (same(hotp(secret, now + d), parsed.otp)) return { memberId, step: now + d }
  }
  for (let d = acceptSteps + 1; d <= expiredLookbackSteps; d++) {
    if (same(hotp(secret, now - d), parsed.otp)) throw new DomainError('member_code.expired', '会员码已过期，请让顾客刷新会员码')
  }
  throw forged()
}

/** What a purchase earns a member of `tier` at `now`: the figures the till previews and the purchase applies. */
export function purchaseEarning(rules: ProgramRules, tier: Pick<Tier, 'multiplierPercent' | 'memberDayBonusPercent'>, now: Date): MemberCard['earning'] {
  return {
    pointsPerYuan: rules.earning.pointsPerYuan,
    multiplierPercent: tier.multiplierPercent,
    memberDayBonusPercent: tier.memberDayBonusPercent,
    memberDay: rules.memberDay.weekday === shanghaiWeekday(now),
  }
}

/** What a till sees after a scan: with the coupons the member can use at this store now. */
export async function verifyMemberCode(deps: CodeSecretDeps, rules: ProgramRules, code: string, storeId: string): Promise<MemberCard> {
  const { memberId, step } = await resolveMemberCode(deps, rules, code)
  const now = deps.clock()
  const [member, points, coupons, { tier }] = await Promise.all([
    getMember(deps.table, memberId),
    getSummary(deps.table, memberId, rules, now),
    listMyCoupons(deps.table, memberId, { status: 'available', limit: 50 }, now),
    readTier(deps.table, rules, memberId),
  ])
  const usable = coupons.items.filter((c) => c.stores === 'all' || c.stores.includes(storeId))
  return {
    memberId: memberId as MemberCard['memberId'],
    nickname: member.nickname,
    phone: member.phoneMasked ?? null,
    tier: { code: tier.code, name: tier.name },
    earning: purchaseEarning(rules, tier, now),
    points: { available: points.available, pending: points.pending, debt: points.debt },
    coupons: usable.map((c) => ({ code: c.code, title: c.title })),
    step,
  }
}

export { replayed } from '../entities/member-code'

/**
 * The part a till action adds to its transaction to claim a code's step for itself (`codeStep`):
 * a second action (another order) with the same code is `member_code.replayed`; a retry of the
 * same action passes.
 */
export function memberCodeUse(deps: Pick<CodeSecretDeps, 'table' | 'clock'>, use: { memberId: string; step: number; ref: string }): Part<'codeStep'> {
  return memberCodeUsePart(deps.table, use, deps.clock())
}

/**
 * Verifies a code and claims its step for one till transaction (`ref`, e.g. an order id) on its
 * own — for callers without a transaction of their own; till actions add `memberCodeUse`
 * to theirs instead.
 */
export async function useMemberCode(deps: CodeSecretDeps, rules: ProgramRules, code: string, ref: string): Promise<{ memberId: string; step: number }> {
  const resolved = await resolveMemberCode(deps, rules, code)
  if (!(await putMemberCodeUse(deps.table, { ...resolved, ref }, deps.clock()))) throw replayed()
  return resolved
}
