import { shanghaiDate } from '@siyu/shared/rules/business-day'
import type { ProgramRules } from '@siyu/shared/rules/program-rules'
import { tierIndexFor } from '@siyu/shared/rules/tiers'
import { liveUpgrades, tierIndex, type ProvisionalUpgrade, type TierItem, type UpgradeGift } from './tier-state'
import { reviewIndex } from './tier-writes'

/**
 * What a refund or void inside a return window does to the provisional upgrades, one step at a
 * time (each step is one transaction). Pure: the caller reads the tier item and the growth.
 */
export type ReversalStep =
  /** The newest live upgrade is no longer reached: the tier falls to `after.tier` and `reversed` gifts are taken back. */
  | { kind: 'undo'; upgrade: ProvisionalUpgrade; after: TierItem; reversed: UpgradeGift[]; dropped: boolean }
  /** Every live upgrade is still reached: each waits until `extendTo`, as the tier may now rest on purchases still in their window. */
  | { kind: 'extend'; after: TierItem; extended: ProvisionalUpgrade[]; until: string }

export function nextReversalStep(rules: ProgramRules, item: TierItem, growthFen: number, now: Date, extendTo: string): ReversalStep | null {
  const live = liveUpgrades(item, now.toISOString())
  const newest = live[live.length - 1]
  if (!newest) return null
  const reached = tierIndexFor(rules.tiers, growthFen)
  if (reached >= tierIndex(rules, newest.tier)) return extendStep(item, live, extendTo)
  // Down to what the growth still reaches, never below the tier held before this upgrade, never up.
  const target = Math.min(tierIndex(rules, item.tier), Math.max(tierIndex(rules, newest.from), reached))
  return undoStep(rules, item, newest, target, shanghaiDate(now))
}

function undoStep(rules: ProgramRules, item: TierItem, newest: ProvisionalUpgrade, target: number, today: string): ReversalStep {
  // Above the tier before it, the upgrade only narrows: it still brought the member to `target`.
  const dropped = target <= tierIndex(rules, newest.from)
  const keep = dropped ? [] : newest.gifts.filter((g) => tierIndex(rules, g.tier) <= target)
  const reversed = newest.gifts.filter((g) => !keep.includes(g))
  const others = (item.provisional ?? []).filter((p) => p.id !== newest.id)
  const tier = rules.tiers[target].code
  const dates = dropped ? restoredDates(newest.before, target, today) : { since: item.since, anchor: item.anchor, reviewOn: item.reviewOn }
  const { gsi1pk: _pk, gsi1sk: _sk, ...rest } = item
  const after: TierItem = {
    ...rest, tier, ...dates,
    provisional: dropped ? others : [...others, { ...newest, tier, gifts: keep }],
    version: item.version + 1, ...reviewIndex(dates.reviewOn, item.memberId),
  }
  return { kind: 'undo', upgrade: newest, after, reversed, dropped }
}

/** The dates of the tier held before an upgrade; a review that fell due meanwhile is due now. */
function restoredDates(before: ProvisionalUpgrade['before'], target: number, today: string) {
  const reviewOn = target === 0 ? null : [before.reviewOn ?? today, today].sort()[1]
  return { since: before.since, anchor: before.anchor, reviewOn }
}

function extendStep(item: TierItem, live: ProvisionalUpgrade[], extendTo: string): ReversalStep | null {
  const extended = live.filter((p) => p.until < extendTo)
  if (extended.length === 0) return null
  const ids = new Set(extended.map((p) => p.id))
  const provisional = (item.provisional ?? []).map((p) => (ids.has(p.id) ? { ...p, until: extendTo } : p))
  return { kind: 'extend', after: { ...item, provisional, version: item.version + 1 }, extended, until: extendTo }
}
