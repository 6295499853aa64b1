import { z } from 'zod'
import { getItem, type Table } from '../lib/db'
import { keys } from '../lib/keys'
import type { Part } from '../lib/transact'

/** A member's invite code (`REFCODE#{code}` / `REFCODE`) → the member. */
const RefCodeItem = z.object({ code: z.string(), memberId: z.string() }).loose()

export async function memberOfRefCode(table: Table, code: string): Promise<string | undefined> {
  const raw = await getItem(table, keys.refCode(code))
  return raw ? RefCodeItem.parse(raw).memberId : undefined
}

/** The code, taken once (a code already taken: 'retry' with another). */
export const refCodePutNewPart = (table: Table, code: string, memberId: string): Part<'code'> => ({
  name: 'code',
  item: { Put: { TableName: table.name, Item: { ...keys.refCode(code), type: 'refCode', code, memberId }, ConditionExpression: 'attribute_not_exists(pk)' } },
  onConditionFailed: () => 'retry',
})
