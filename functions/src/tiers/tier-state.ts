import { QueryCommand } from '@aws-sdk/lib-dynamodb'
import { shanghaiMonth } from '@siyu/shared/rules/business-day'
import type { ProgramRules, Tier } from '@siyu/shared/rules/program-rules'
import { growthWindow } from '@siyu/shared/rules/tiers'
import { getItem, type Table } from '../lib/db'
import { keys } from '../lib/keys'

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
  /** Tiers whose upgrade gift is owed (written with the upgrade, cleared once granted). */
  giftsDue: string[]
  version: number
  gsi1pk?: string
  gsi1sk?: string
}

export interface TierState {
  item: TierItem | undefined
  index: number
  tier: Tier
}

/** The member's tier: the stored one, or the first tier if none is stored (or the stored code left the ladder). */
export async function readTier(table: Table, rules: ProgramRules, memberId: string): Promise<TierState> {
  const item = await getItem<TierItem>(table, keys.tier(memberId))
  const index = Math.max(0, rules.tiers.findIndex((t) => t.code === item?.tier))
  return { item, index, tier: rules.tiers[index] }
}

/** Growth (fen) over the 12 Shanghai months ending with `now`'s month. */
export async function growthOver(table: Table, memberId: string, now: Date): Promise<{ fen: number; fromMonth: string; toMonth: string }> {
  const { from, to } = growthWindow(shanghaiMonth(now))
  const { Items = [] } = await table.db.send(new QueryCommand({
    TableName: table.name,
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':pk': keys.growth(memberId, from).pk, ':from': keys.growth(memberId, from).sk, ':to': keys.growth(memberId, to).sk },
    ConsistentRead: true,
  }))
  return { fen: Items.reduce((sum, i) => sum + Number(i.fen ?? 0), 0), fromMonth: from, toMonth: to }
}
