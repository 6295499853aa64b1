import { z } from 'zod'
import { getItem, type Table } from '../lib/db'
import { DomainError } from '../lib/errors'
import { keys } from '../lib/keys'
import type { Part } from '../lib/transact'

/** Make-ups a member used in a Shanghai month (`MEMBER#{id}` / `MAKEUP#{month}`). */
export const MakeupCounterItem = z.object({ memberId: z.string(), used: z.number().int().nonnegative() }).loose()
export type MakeupCounterItem = z.infer<typeof MakeupCounterItem>

export async function makeupsUsed(table: Table, memberId: string, month: string): Promise<number> {
  const raw = await getItem(table, keys.makeupCount(memberId, month))
  return raw ? MakeupCounterItem.parse(raw).used : 0
}

/** Counts one more make-up of the month, under the cap: `checkin.makeup_limit` when it is used up. */
export function makeupCountPart(table: Table, memberId: string, month: string, maxPerMonth: number): Part<'makeupCount'> {
  return {
    name: 'makeupCount',
    item: {
      Update: {
        TableName: table.name,
        Key: keys.makeupCount(memberId, month),
        UpdateExpression: 'SET #type = :type, memberId = :m ADD used :one',
        ConditionExpression: 'attribute_not_exists(used) OR used < :max',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: { ':type': 'makeupCount', ':m': memberId, ':one': 1, ':max': maxPerMonth },
      },
    },
    onConditionFailed: () => new DomainError('checkin.makeup_limit', `本月补签次数已用完（每月 ${maxPerMonth} 次）`, { max: maxPerMonth }),
  }
}
