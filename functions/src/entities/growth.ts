import { QueryCommand } from '@aws-sdk/lib-dynamodb'
import { z } from 'zod'
import type { Table } from '../lib/db'
import { keys } from '../lib/keys'
import { updatePart, type OnConditionFailed, type Part } from '../lib/transact'

/** Qualifying spend of a member in a Shanghai month, net of refunds (`MEMBER#{id}` / `GROWTH#{YYYY-MM}`). */
export const GrowthItem = z.object({ month: z.string(), fen: z.number().int().default(0) }).loose()
export type GrowthItem = z.infer<typeof GrowthItem>

/** Adds qualifying spend (negative for refunds and voids) to the member's growth of a month; unconditioned. */
export function growthAddPart(table: Table, memberId: string, month: string, fen: number): Part<'growth'> {
  return updatePart('growth', table, keys.growth(memberId, month), {
    UpdateExpression: 'SET #type = :type, memberId = :m, #month = :month ADD fen :fen',
    ExpressionAttributeNames: { '#type': 'type', '#month': 'month' },
    ExpressionAttributeValues: { ':type': 'growth', ':m': memberId, ':month': month, ':fen': fen },
  })
}

/** The member's growth of the months `from`…`to` (YYYY-MM, inclusive), by month; months without spend are absent. Consistent. */
export async function growthByMonth(table: Table, memberId: string, from: string, to: string): Promise<Record<string, number>> {
  const first = keys.growth(memberId, from)
  const { Items = [] } = await table.db.send(new QueryCommand({
    TableName: table.name,
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':pk': first.pk, ':from': first.sk, ':to': keys.growth(memberId, to).sk },
    ConsistentRead: true,
  }))
  return Object.fromEntries(Items.map((i) => GrowthItem.parse(i)).map((g) => [g.month, g.fen]))
}

/**
 * Conditions on the growth of one month as read (`fen` unchanged, or still absent when `fen` is
 * undefined): a purchase or refund in between fails the caller's write, which `moved` reports.
 */
export function growthCheckPart(table: Table, memberId: string, month: string, fen: number | undefined, moved: OnConditionFailed): Part<`growth:${string}`> {
  return {
    name: `growth:${month}`,
    item: {
      ConditionCheck: {
        TableName: table.name, Key: keys.growth(memberId, month),
        ...(fen !== undefined ? { ConditionExpression: 'fen = :fen', ExpressionAttributeValues: { ':fen': fen } } : { ConditionExpression: 'attribute_not_exists(pk)' }),
      },
    },
    onConditionFailed: moved,
  }
}
