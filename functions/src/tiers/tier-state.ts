import { QueryCommand } from '@aws-sdk/lib-dynamodb'
import { shanghaiMonth } from '@siyu/shared/rules/business-day'
import type { ProgramRules, Tier } from '@siyu/shared/rules/program-rules'
import { growthWindow } from '@siyu/shared/rules/tiers'
import { getItem, type Table } from '../lib/db'
import { keys } from '../lib/keys'

/** One crossed tier's upgrade gift, as the rules gave it when the tier was reached. */
export interface UpgradeGift {
  tier: string
  points: number
  couponTemplateIds: string[]
}

/**
 * An upgrade a purchase caused, still inside the return window: a refund or void of an order
 * inside its own window that leaves growth below it undoes it. Its gift points wait in one pending
 * lot (`tierup:{member}:{id}`) that activates at `until`; its gift coupons are issued after.
 */
export interface ProvisionalUpgrade {
  /** The tier version the upgrade wrote: unique per member, it names the gift lot and keys the gifts. */
  id: number
  tier: string
  /** The tier held before it: undoing it never goes lower. */
  from: string
  orderId: string
  /** When it is confirmed: the end of the purchase's return window, moved on by a reversal it survives. */
  until: string
  /** The tier item's dates before the upgrade, restored when it is undone. */
  before: { since: string; anchor: string; reviewOn: string | null }
  /** The crossed tiers' gifts, lowest first. */
  gifts: UpgradeGift[]
}

/** Gift coupons owed now (a confirmed upgrade's), issued idempotently under `key`. */
export interface OwedCoupons {
  key: string
  tier: string
  couponTemplateIds: string[]
}

/** The tier item (`MEMBER#{id}` / `TIER`). */
export interface TierItem {
  pk: string
  sk: 'TIER'
  type: 'tier'
  memberId: string
  tier: string
  /** When the member reached this tier (or was last reviewed down to it). */
  since: string
  /** The Shanghai date the tier was reached: reviews fall on its anniversaries. */
  anchor: string
  /** The next review (Shanghai date); null on the first tier, which has nothing to lose. */
  reviewOn: string | null
  /**
   * Gifts owed (cleared once granted): coupons of confirmed upgrades; a string `{tier}@{date}` is
   * a whole gift owed by an upgrade recorded before upgrades became provisional.
   */
  giftsDue: (string | OwedCoupons)[]
  /** Upgrades still inside their return window, oldest first (absent = none). */
  provisional?: ProvisionalUpgrade[]
  version: number
  gsi1pk?: string
  gsi1sk?: string
}

export interface TierState {
  item: TierItem | undefined
  index: number
  tier: Tier
}

/** A tier's place on the ladder; a code the ladder no longer has counts as the first tier. */
export const tierIndex = (rules: ProgramRules, code: string) => Math.max(0, rules.tiers.findIndex((t) => t.code === code))

/** The member's tier: the stored one, or the first tier if none is stored (or the stored code left the ladder). */
export async function readTier(table: Table, rules: ProgramRules, memberId: string): Promise<TierState> {
  const item = await getItem<TierItem>(table, keys.tier(memberId))
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
  const { Items = [] } = await table.db.send(new QueryCommand({
    TableName: table.name,
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':pk': keys.growth(memberId, from).pk, ':from': keys.growth(memberId, from).sk, ':to': keys.growth(memberId, to).sk },
    ConsistentRead: true,
  }))
  const months = Object.fromEntries(Items.map((i) => [String(i.sk).slice('GROWTH#'.length), Number(i.fen ?? 0)]))
  return { fen: Object.values(months).reduce((sum, fen) => sum + fen, 0), fromMonth: from, toMonth: to, months }
}

/** The upgrades a reversal can still undo: inside their window at `now` (a suffix of the list). */
export const liveUpgrades = (item: TierItem | undefined, now: string) => (item?.provisional ?? []).filter((p) => p.until > now)
