import { shanghaiDate } from '@siyu/shared/rules/business-day'
import type { ProgramRules } from '@siyu/shared/rules/program-rules'
import { anniversary, tierIndexFor } from '@siyu/shared/rules/tiers'
import { DomainError } from '../lib/errors'
import { withRetry } from '../lib/retry'
import { partIf } from '../lib/transact'
import { clearGiftsDue } from '../entities/tier'
import { tierConfirmPutPart } from '../entities/tier-confirm'
import { earnPurchase } from '../ledger/operations'
import type { LedgerDeps } from '../ledger/post'
import { grantGift } from './gifts'
import { growthOver, readTier, type Growth, type OwedCoupons, type ProvisionalUpgrade, type TierItem, type TierState, type UpgradeGift } from './tier-state'
import { giftKey, giftLotRef, growthChecks, reviewIndex, sendTierTx, tierChangeParts, tierRetryable, TierMoved } from './tier-writes'

export { reviewIndex, tierChangeParts } from './tier-writes'

const DAY = 86_400_000

/**
 * Upgrades the member at once when their growth has crossed one or more thresholds. The upgrade
 * is provisional until the return window of the purchase that caused it closes: its gift points
 * are posted with it as one pending lot activating then, and its gift coupons are issued then
 * (`confirmDueUpgrades`). Without a return window it is confirmed at once. One transaction holds
 * the tier, its log, the gift lot and conditions on the growth read, so a refund racing it fails
 * it; each upgrade is keyed by the tier version it writes, so a rerun grants nothing twice.
 */
export async function upgradeIfQualified(deps: LedgerDeps, rules: ProgramRules, memberId: string, cause: { orderId: string }): Promise<TierState> {
  // Another change won, or the growth moved (TierMoved): look again.
  const decided = await withRetry(async () => {
    const state = await readTier(deps.table, rules, memberId)
    const now = deps.clock()
    const growth = await growthOver(deps.table, memberId, now)
    const target = tierIndexFor(rules.tiers, growth.fen)
    if (target <= state.index) return state
    const plan = upgradePlan(rules, state, target, memberId, now, cause.orderId)
    await commitUpgrade(deps, rules, state, plan, growth)
    return { item: plan.after, index: target, tier: rules.tiers[target] }
  }, { backoff: deps.backoff, retryable: tierRetryable })
  await grantOwed(deps, rules, decided.item)
  return decided
}

interface UpgradePlan {
  after: TierItem
  upgrade: ProvisionalUpgrade | undefined
  gifts: UpgradeGift[]
  until: string
  orderId: string
}

function upgradePlan(rules: ProgramRules, state: TierState, target: number, memberId: string, now: Date, orderId: string): UpgradePlan {
  const at = now.toISOString()
  const today = shanghaiDate(now)
  const reviewOn = anniversary(today, 1)
  const id = (state.item?.version ?? 0) + 1
  const until = new Date(now.getTime() + rules.points.returnWindowDays * DAY).toISOString()
  const gifts = rules.tiers.slice(state.index + 1, target + 1).map((t) => ({ tier: t.code, points: t.upgradeGift.points, couponTemplateIds: t.upgradeGift.couponTemplateIds }))
  const before = state.item ? { since: state.item.since, anchor: state.item.anchor, reviewOn: state.item.reviewOn } : { since: at, anchor: today, reviewOn: null }
  const upgrade = until > at ? { id, tier: rules.tiers[target].code, from: state.tier.code, orderId, until, before, gifts } : undefined
  const after: TierItem = {
    type: 'tier', memberId, tier: rules.tiers[target].code, since: at, anchor: today, reviewOn,
    giftsDue: [...(state.item?.giftsDue ?? []), ...(upgrade ? [] : owedCoupons(memberId, id, gifts))],
    provisional: [...(state.item?.provisional ?? []), ...(upgrade ? [upgrade] : [])],
    version: id, ...reviewIndex(reviewOn, memberId),
  }
  return { after, upgrade, gifts, until, orderId }
}

/** The coupons of an upgrade's gifts, owed once it is confirmed. */
export const owedCoupons = (memberId: string, id: number, gifts: UpgradeGift[]): OwedCoupons[] =>
  gifts.filter((g) => g.couponTemplateIds.length > 0).map((g) => ({ key: giftKey(memberId, g.tier, id), tier: g.tier, couponTemplateIds: g.couponTemplateIds }))

/** The upgrade's transaction: the gift points' posting carries the tier items, or the tier items alone. */
async function commitUpgrade(deps: LedgerDeps, rules: ProgramRules, state: TierState, plan: UpgradePlan, growth: Growth): Promise<void> {
  const { memberId, version: id } = plan.after
  const upgrade = plan.upgrade
  const parts = [
    ...tierChangeParts(deps.table, state.item, plan.after, { from: state.tier.code, reason: 'upgrade', growthFen: growth.fen, at: plan.after.since, orderId: plan.orderId }),
    ...growthChecks(deps.table, memberId, growth),
    ...partIf(upgrade !== undefined, () => tierConfirmPutPart(deps.table, memberId, upgrade!)),
  ]
  const points = plan.gifts.reduce((sum, g) => sum + g.points, 0)
  if (points === 0) return sendTierTx(deps.table, parts)
  const names = plan.gifts.filter((g) => g.points > 0).map((g) => rules.tiers.find((t) => t.code === g.tier)?.name ?? g.tier)
  try {
    const result = await earnPurchase(deps, rules, {
      memberId, orderId: giftLotRef(memberId, id), points, code: 'tier_gift', activateAt: plan.until, note: `升级礼：${names.join('、')}`,
      sideParts: parts, payload: { tierVersion: id },
    })
    if (result?.replayed) throw new TierMoved() // this version was written by a concurrent run
  } catch (err) {
    if (err instanceof DomainError && err.code === 'idempotency.mismatch') throw new TierMoved()
    throw err
  }
}

/**
 * Grants what the tier item owes (each grant idempotent by its key), then clears it: the coupons
 * of confirmed upgrades, and whole gifts owed by upgrades recorded before upgrades were provisional.
 */
export async function grantOwed(deps: LedgerDeps, rules: ProgramRules, item: TierItem | undefined): Promise<void> {
  if (!item?.giftsDue.length) return
  for (const due of item.giftsDue) {
    if (typeof due === 'string') {
      const [code, since] = due.split('@')
      const tier = rules.tiers.find((t) => t.code === code)
      if (tier) await grantGift(deps, rules, item.memberId, tier.upgradeGift, { key: `tierup:${item.memberId}:${code}:${since}`, code: 'tier_gift', note: `升级礼：${tier.name}` })
    } else {
      await grantGift(deps, rules, item.memberId, { points: 0, couponTemplateIds: due.couponTemplateIds }, { key: due.key, code: 'tier_gift', note: '' })
    }
  }
  // Changed meanwhile (false): whoever changed it grants what is owed then (grants are idempotent).
  await clearGiftsDue(deps.table, item.memberId, item.version)
}
