import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb'
import { z } from 'zod'
import type { Table } from '../lib/db'
import { keys } from '../lib/keys'

/** A member with a birthday in a month (`BIRTHDAY#{MM}` / `{memberId}`), for the birthday-gift job. */
export const BirthdayIndexItem = z.object({ memberId: z.string() }).loose()
export type BirthdayIndexItem = z.infer<typeof BirthdayIndexItem>

/** Indexes a member's birthday month (MM); writing the same birthday again writes the same item. */
export async function putBirthdayIndex(table: Table, month: string, memberId: string): Promise<void> {
  await table.db.send(new PutCommand({ TableName: table.name, Item: { ...keys.birthdayMonth(month, memberId), type: 'birthdayIndex', memberId } }))
}

/** The members born in a month (MM), page by page. */
export async function* membersBornIn(table: Table, month: string): AsyncGenerator<string> {
  let start: Record<string, unknown> | undefined
  do {
    const page = await table.db.send(new QueryCommand({
      TableName: table.name, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.birthdayMonthPartition(month) }, ExclusiveStartKey: start,
    }))
    for (const raw of page.Items ?? []) yield BirthdayIndexItem.parse(raw).memberId
    start = page.LastEvaluatedKey
  } while (start)
}
