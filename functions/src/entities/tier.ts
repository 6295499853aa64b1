import { UpdateCommand } from '@aws-sdk/lib-dynamodb'
import { z } from 'zod'
import { conditionally, getItem, type Table } from '../lib/db'
import { DomainError } from '../lib/errors'
import { keys } from '../lib/keys'
import type { Part } from '../lib/transact'

/**
 * The tier item (or the growth it was decided on) changed under a write: read again and decide
 * again. A DomainError so that it also leaves a ledger posting the tier's parts ride in.
 */
export class TierMoved extends DomainError {
  constructor() {
    super('ledger.busy', '会员等级正在变化，请稍后重试')
  }
}

/** One crossed tier's upgrade gift, as the rules gave it when the tier was reached. */
export const UpgradeGift = z.object({ tier: z.string(), points: z.number().int(), couponTemplateIds: z.array(z.string()) })
export type UpgradeGift = z.infer<typeof UpgradeGift>

/**
 * An upgrade a purchase caused, still inside the return window: a refund or void of an order
 * inside its own window that leaves growth below it undoes it. Its gift points wait in one pending
 * lot (`tierup:{member}:{id}`) that activates at `until`; its gift coupons are issued after.
 */
export const ProvisionalUpgrade = z.object({
  /** The tier version the upgrade wrote: unique per member, it names the gift lot and keys the gifts. */
  id: z.number().int(),
  tier: z.string(),
  /** The tier held before it: undoing it never goes lower. */
  from: z.string(),
  orderId: z.string(),
  /** When it is confirmed: the end of the purchase's return window, moved on by a reversal it survives. */
  until: z.string(),
  /** The tier item's dates before the upgrade, restored when it is undone. */
  before: z.object({ since: z.string(), anchor: z.string(), reviewOn: z.string().nullable() }),
  /** The crossed tiers' gifts, lowest first. */
  gifts: z.array(UpgradeGift),
})
export type ProvisionalUpgrade = z.infer<typeof ProvisionalUpgrade>

/** Gift coupons owed now (a confirmed upgrade's), issued idempotently under `key`. */
export const OwedCoupons = z.object({ key: z.string(), tier: z.string(), couponTemplateIds: z.array(z.string()) })
export type OwedCoupons = z.infer<typeof OwedCoupons>

/** The tier item (`MEMBER#{id}` / `TIER`; gsi1 `TIERREVIEW#{reviewOn}` / `{memberId}` above the first tier). */
export const TierItem = z
  .object({
    type: z.literal('tier'),
    memberId: z.string(),
    tier: z.string(),
    /** When the member reached this tier (or was last reviewed down to it). */
    since: z.string(),
    /** The Shanghai date the tier was reached: reviews fall on its anniversaries. */
    anchor: z.string(),
    /** The next review (Shanghai date); null on the first tier, which has nothing to lose. */
    reviewOn: z.string().nullable(),
    /**
     * Gifts owed (cleared once granted): coupons of confirmed upgrades; a string `{tier}@{date}` is
     * a whole gift owed by an upgrade recorded before upgrades became provisional.
     */
    giftsDue: z.array(z.union([z.string(), OwedCoupons])),
    /** Upgrades still inside their return window, oldest first (absent = none). */
    provisional: z.array(ProvisionalUpgrade).optional(),
    version: z.number().int(),
    gsi1pk: z.string().optional(),
    gsi1sk: z.string().optional(),
  })
  .loose()
export type TierItem = z.infer<typeof TierItem>

export async function findTier(table: Table, memberId: string): Promise<TierItem | undefined> {
  const raw = await getItem(table, keys.tier(memberId))
  return raw ? TierItem.parse(raw) : undefined
}

/** Parses a tier item read elsewhere (an index query). */
export const parseTierItem = (raw: unknown): TierItem => TierItem.parse(raw)

/** The tier item's review index: only tiers above the first are reviewed. */
export const reviewIndex = (reviewOn: string | null, memberId: string) => (reviewOn ? { gsi1pk: keys.tierReviewDay(reviewOn), gsi1sk: memberId } : {})

/**
 * The tier item's next state, conditioned on the version read (or on there being none): of two
 * racing changes one wins, the other is `TierMoved`.
 */
export function tierPutPart(table: Table, before: TierItem | undefined, after: TierItem): Part<'tier'> {
  const { provisional, ...rest } = after
  const item = provisional?.length ? after : rest // no empty list left behind
  return {
    name: 'tier',
    item: {
      Put: {
        TableName: table.name, Item: { ...item, ...keys.tier(after.memberId), type: 'tier' },
        ...(before ? { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': before.version } } : { ConditionExpression: 'attribute_not_exists(pk)' }),
      },
    },
    onConditionFailed: () => new TierMoved(),
  }
}

/** Clears the owed gifts once granted, unless the item changed meanwhile (whoever changed it grants them then); false if it had. */
export async function clearGiftsDue(table: Table, memberId: string, version: number): Promise<boolean> {
  return conditionally(table.db.send(new UpdateCommand({
    TableName: table.name, Key: keys.tier(memberId),
    UpdateExpression: 'SET giftsDue = :none', ConditionExpression: 'version = :v',
    ExpressionAttributeValues: { ':none': [], ':v': version },
  })))
}
