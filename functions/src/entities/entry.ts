import { QueryCommand } from '@aws-sdk/lib-dynamodb'
import { EntryCode, type PointsEntry } from '@siyu/shared/schemas/points'
import { z } from 'zod'
import { queryPrefix, type Table } from '../lib/db'
import { entrySeq, keys } from '../lib/keys'
import type { Part } from '../lib/transact'

const int = z.number().int()

/** A stored entry (`MEMBER#{id}` / `ENTRY#{seq:10}`): immutable once written. */
export const EntryItem = z
  .object({
    pk: z.string(),
    sk: z.string(),
    type: z.literal('entry'),
    memberId: z.string(),
    seq: int,
    /** The idempotency key that produced it: an entry's id is its business key. */
    key: z.string(),
    code: EntryCode,
    points: int,
    delta: z.object({ available: int, pending: int, debt: int }),
    balanceAfter: int,
    pendingAfter: int,
    debtAfter: int,
    expiryMonth: z.string().optional(),
    /** The expiry-month lots a spend or clawback took points from (a void gives exactly these back). */
    lots: z.record(z.string(), int).optional(),
    ref: z.string(),
    note: z.string().optional(),
    at: z.string(),
  })
  .loose()
export type EntryItem = z.infer<typeof EntryItem>

/** The entry, written once: its sequence number is the account version it produced. */
export const entryPutNewPart = (table: Table, entry: EntryItem): Part<'entry'> => ({
  name: 'entry',
  item: { Put: { TableName: table.name, Item: entry, ConditionExpression: 'attribute_not_exists(pk)' } },
  onConditionFailed: () => 'retry',
})

export const toPointsEntry = (e: EntryItem): PointsEntry => ({
  id: e.key,
  code: e.code,
  points: e.points,
  balanceAfter: e.balanceAfter,
  pendingAfter: e.pendingAfter,
  debtAfter: e.debtAfter,
  ...(e.expiryMonth ? { expiryMonth: e.expiryMonth } : {}),
  ref: e.ref,
  ...(e.note ? { note: e.note } : {}),
  at: e.at,
})

/**
 * One page of a member's entries, newest first, below sequence number `belowSeq` (all when
 * undefined), optionally only those of one code (a FilterExpression: a page may hold fewer).
 */
export async function entriesPage(
  table: Table,
  memberId: string,
  q: { belowSeq?: number; code?: EntryCode; limit: number; start?: Record<string, unknown> },
): Promise<{ items: EntryItem[]; next?: Record<string, unknown> }> {
  const prefix = keys.entryPrefix()
  const upper = q.belowSeq !== undefined ? `${prefix}${entrySeq(q.belowSeq - 1)}` : `${prefix}~`
  const page = await table.db.send(
    new QueryCommand({
      TableName: table.name,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :lo AND :hi',
      ExpressionAttributeValues: { ':pk': keys.memberPartition(memberId), ':lo': prefix, ':hi': upper, ...(q.code ? { ':code': q.code } : {}) },
      ...(q.code ? { FilterExpression: 'code = :code' } : {}),
      ScanIndexForward: false,
      Limit: q.limit,
      ExclusiveStartKey: q.start,
    }),
  )
  return { items: (page.Items ?? []).map((i) => EntryItem.parse(i)), next: page.LastEvaluatedKey }
}

/** Every entry of a member in sequence order, page by page, consistently (constant memory). */
export async function* entriesOf(table: Table, memberId: string): AsyncGenerator<EntryItem> {
  for await (const raw of queryPrefix(table, keys.memberPartition(memberId), keys.entryPrefix())) yield EntryItem.parse(raw)
}
