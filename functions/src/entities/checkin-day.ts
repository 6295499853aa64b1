import { QueryCommand } from '@aws-sdk/lib-dynamodb'
import { z } from 'zod'
import { getItem, type Table } from '../lib/db'
import { keys } from '../lib/keys'
import type { Part } from '../lib/transact'

/** A checked-in day as stored (`MEMBER#{id}` / `CHECKIN#{date}`). */
export const CheckinDayItem = z
  .object({
    pk: z.string(),
    sk: z.string(),
    type: z.literal('checkinDay'),
    memberId: z.string(),
    date: z.string(),
    /** Length of the run this day ends, as of now (a make-up before it rewrites it). */
    streak: z.number().int(),
    points: z.number().int(),
    bonus: z.number().int(),
    makeup: z.boolean(),
    cost: z.number().int(),
    at: z.string(),
  })
  .loose()
export type CheckinDayItem = z.infer<typeof CheckinDayItem>

interface NewDay { memberId: string; date: string; streak: number; points: number; bonus: number; makeup: boolean; cost: number; at: string }

export const newCheckinDay = (d: NewDay): CheckinDayItem => ({ ...keys.checkinDay(d.memberId, d.date), type: 'checkinDay', ...d })

export async function getDay(table: Table, memberId: string, date: string): Promise<CheckinDayItem | undefined> {
  const raw = await getItem(table, keys.checkinDay(memberId, date))
  return raw ? CheckinDayItem.parse(raw) : undefined
}

/** Checked days between two dates (inclusive), in date order, consistently. */
export async function daysBetween(table: Table, memberId: string, from: string, to: string): Promise<CheckinDayItem[]> {
  const items: CheckinDayItem[] = []
  let start: Record<string, unknown> | undefined
  do {
    const page = await table.db.send(
      new QueryCommand({
        TableName: table.name,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': keys.memberPartition(memberId), ':from': keys.checkinDay(memberId, from).sk, ':to': keys.checkinDay(memberId, to).sk },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    )
    items.push(...(page.Items ?? []).map((i) => CheckinDayItem.parse(i)))
    start = page.LastEvaluatedKey
  } while (start)
  return items
}

/** The day, written once; taken means another check-in of that date won: 'retry' (it replays). */
export const checkinDayPutNewPart = (table: Table, day: CheckinDayItem): Part<'day'> => ({
  name: 'day',
  item: { Put: { TableName: table.name, Item: day, ConditionExpression: 'attribute_not_exists(pk)' } },
  onConditionFailed: () => 'retry',
})

/**
 * A condition that a day is as the plan read it: checked in with that streak, or not checked in.
 * A concurrent check-in or make-up changing it makes the posting plan again ('retry').
 */
export function dayAsReadPart<N extends string>(name: N, table: Table, memberId: string, date: string, read: CheckinDayItem | undefined): Part<N> {
  return {
    name,
    item: {
      ConditionCheck: {
        TableName: table.name,
        Key: keys.checkinDay(memberId, date),
        ...(read ? { ConditionExpression: 'streak = :s', ExpressionAttributeValues: { ':s': read.streak } } : { ConditionExpression: 'attribute_not_exists(pk)' }),
      },
    },
    onConditionFailed: () => 'retry',
  }
}

/** A later day of a run gets its new length, guarded by the length read (else 'retry'). Named `streak:{date}`. */
export const streakUpdatePart = (table: Table, day: CheckinDayItem, streak: number): Part => ({
  name: `streak:${day.date}`,
  item: {
    Update: {
      TableName: table.name,
      Key: keys.checkinDay(day.memberId, day.date),
      UpdateExpression: 'SET streak = :new',
      ConditionExpression: 'streak = :old',
      ExpressionAttributeValues: { ':new': streak, ':old': day.streak },
    },
  },
  onConditionFailed: () => 'retry',
})
