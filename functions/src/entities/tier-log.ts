import { QueryCommand } from '@aws-sdk/lib-dynamodb'
import { TierChange } from '@siyu/shared/schemas/tiers'
import { z } from 'zod'
import type { Table } from '../lib/db'
import { keys } from '../lib/keys'
import type { Part } from '../lib/transact'
import { TierMoved } from './tier'

/** A tier change as logged (`MEMBER#{id}` / `TIERLOG#{at}#{version:08}`). */
export const TierLogItem = z
  .object({
    from: z.string(),
    to: z.string(),
    reason: TierChange.shape.reason,
    growthFen: z.number().int(),
    at: z.string(),
    /** The purchase that caused an upgrade, or the order whose refund or void undid one. */
    orderId: z.string().optional(),
  })
  .loose()
export type TierLogItem = z.infer<typeof TierLogItem>

/** What a change logs besides its new tier (`to`). */
export interface TierLog {
  from: string
  reason: TierChange['reason']
  growthFen: number
  at: string
  orderId?: string
}

/** The log entry of a change to `to`, written once with the tier version it produced. */
export function tierLogPutPart(table: Table, memberId: string, version: number, to: string, log: TierLog): Part<'tierLog'> {
  return {
    name: 'tierLog',
    item: {
      Put: {
        TableName: table.name,
        Item: {
          ...keys.tierLog(memberId, log.at, version), type: 'tierLog', memberId, at: log.at, from: log.from, to,
          reason: log.reason, growthFen: log.growthFen, ...(log.orderId ? { orderId: log.orderId } : {}),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    onConditionFailed: () => new TierMoved(),
  }
}

/** The member's last `limit` tier changes, newest first. */
export async function recentTierChanges(table: Table, memberId: string, limit: number): Promise<TierChange[]> {
  const { Items = [] } = await table.db.send(new QueryCommand({
    TableName: table.name, KeyConditionExpression: 'pk = :pk AND begins_with(sk, :log)',
    ExpressionAttributeValues: { ':pk': keys.tier(memberId).pk, ':log': keys.tierLogPrefix() }, ScanIndexForward: false, Limit: limit,
  }))
  return Items.map((raw) => {
    const i = TierLogItem.parse(raw)
    return { at: i.at, from: i.from, to: i.to, reason: i.reason, growthFen: i.growthFen, ...(i.orderId ? { orderId: i.orderId } : {}) }
  })
}
