import { z } from 'zod'
import { deleteItem, queryIndex, type Table } from '../lib/db'
import { keys } from '../lib/keys'
import type { Part } from '../lib/transact'

/**
 * One item per member per expiry month holding points (`MEMBER#{id}` / `LOT#{month}`), indexed by
 * month (`LOTS#{month}` / `{memberId}`) so the expiry job finds the members of an ended month.
 */
export const LotIndexItem = z.object({ memberId: z.string(), month: z.string() }).loose()
export type LotIndexItem = z.infer<typeof LotIndexItem>

/** Put when a posting opens a month's lot (unconditional: the same item whoever writes it). Named `lot:{month}`. */
export const lotIndexPutPart = (table: Table, memberId: string, month: string): Part => ({
  name: `lot:${month}`,
  item: { Put: { TableName: table.name, Item: { ...keys.lotIndex(memberId, month), type: 'lotIndex', memberId, month } } },
})

const tableKey = (memberId: string, month: string) => {
  const { pk, sk } = keys.lotIndex(memberId, month)
  return { pk, sk }
}

/** Deleted in the expiry posting of that month's lot. */
export const lotIndexDeletePart = (table: Table, memberId: string, month: string): Part<'lotIndex'> => ({
  name: 'lotIndex',
  item: { Delete: { TableName: table.name, Key: tableKey(memberId, month) } },
})

/** Drops the index item of a lot spent to zero (nothing to expire). */
export const deleteLotIndex = (table: Table, memberId: string, month: string) => deleteItem(table, tableKey(memberId, month))

/** The members holding points of an expiry month, page by page. */
export async function* lotIndexesOfMonth(table: Table, month: string): AsyncGenerator<LotIndexItem> {
  for await (const raw of queryIndex({ table }, keys.lotsByMonth(month).gsi1pk)) yield LotIndexItem.parse(raw)
}
