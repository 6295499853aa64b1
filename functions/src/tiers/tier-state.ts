import { shanghaiMonth } from '@siyu/shared/rules/business-day'
import type { ProgramRules, Tier } from '@siyu/shared/rules/program-rules'
import { growthWindow } from '@siyu/shared/rules/tiers'
import type { Table } from '../lib/db'
import { growthByMonth } from '../entities/growth'
import { findTier, type TierItem } from '../entities/tier'

export type { OwedCoupons, ProvisionalUpgrade, TierItem, UpgradeGift } from '../entities/tier'

export interface TierState {
  item: TierItem | undefined
  index: number
  tier: Tier
}

/** A tier's place on the ladder; a code the ladder no longer has counts as the first tier. */
export const tierIndex = (rules: ProgramRules, code: string) => Math.max(0, rules.tiers.findIndex((t) => t.code === code))

/** The member's tier: the stored one, or the first tier if none is stored (or the stored code left the ladder). */
export async function readTier(table: Table, rules: ProgramRules, memberId: string): Promise<TierState> {
  const item = await findTier(table, memberId)
  const index = item ? tierIndex(rules, item.tier) : 0
  return { item, index, tier: rules.tiers[index] }
}

export interface Growth {
  fen: number
  fromMonth: string
  toMonth: string
  /** The growth items read, by month: a write conditioned on them is decided on this growth. */
  months: Record<string, number>
}

/** Growth (fen) over the 12 Shanghai months ending with `now`'s month. */
export async function growthOver(table: Table, memberId: string, now: Date): Promise<Growth> {
  const { from, to } = growthWindow(shanghaiMonth(now))
  const months = await growthByMonth(table, memberId, from, to)
  return { fen: Object.values(months).reduce((sum, fen) => sum + fen, 0), fromMonth: from, toMonth: to, months }
}

/** The upgrades a reversal can still undo: inside their window at `now` (a suffix of the list). */
export const liveUpgrades = (item: TierItem | undefined, now: string) => (item?.provisional ?? []).filter((p) => p.until > now)
