import { QueryCommand } from '@aws-sdk/lib-dynamodb'
import type { CheckinResult } from '@siyu/shared/schemas/checkin'
import { getItem, type Table } from '../lib/db'
import { keys } from '../lib/keys'
import type { TransactItem } from '../ledger/post'

/** A checked-in day as stored (`MEMBER#{id}` / `CHECKIN#{date}`). */
export interface CheckinDayItem {
  pk: string
  sk: string
  type: 'checkinDay'
  memberId: string
  date: string
  /** Length of the run this day ends, as of now (a make-up before it rewrites it). */
  streak: number
  points: number
  bonus: number
  makeup: boolean
  cost: number
  at: string
}

export async function getDay(table: Table, memberId: string, date: string): Promise<CheckinDayItem | undefined> {
  return getItem<CheckinDayItem>(table, keys.checkinDay(memberId, date))
}

/** Checked days between two dates (inclusive), in date order. */
export async function daysBetween(table: Table, memberId: string, from: string, to: string): Promise<CheckinDayItem[]> {
  const items: CheckinDayItem[] = []
  let start: Record<string, unknown> | undefined
  do {
    const page = await table.db.send(
      new QueryCommand({
        TableName: table.name,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': keys.member(memberId).pk, ':from': keys.checkinDay(memberId, from).sk, ':to': keys.checkinDay(memberId, to).sk },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    )
    items.push(...((page.Items ?? []) as CheckinDayItem[]))
    start = page.LastEvaluatedKey
  } while (start)
  return items
}

/**
 * A condition that the day before is as the plan read it: checked in with that streak, or not
 * checked in. A concurrent make-up changing it makes the posting plan again.
 */
export function previousDayGuard(table: Table, memberId: string, date: string, previous: CheckinDayItem | undefined): TransactItem {
  return {
    ConditionCheck: {
      TableName: table.name,
      Key: keys.checkinDay(memberId, date),
      ...(previous
        ? { ConditionExpression: 'streak = :s', ExpressionAttributeValues: { ':s': previous.streak } }
        : { ConditionExpression: 'attribute_not_exists(pk)' }),
    },
  }
}

/** Marks the member as having interacted now (lifecycle stages read it). */
export function touchMember(table: Table, memberId: string, at: string): TransactItem {
  return {
    Update: {
      TableName: table.name,
      Key: keys.member(memberId),
      UpdateExpression: 'SET lastInteractionAt = :at',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':at': at },
    },
  }
}

export const toResult = (day: CheckinDayItem, alreadyCheckedIn: boolean): CheckinResult => ({
  date: day.date,
  streak: day.streak,
  points: day.points,
  bonus: day.bonus,
  alreadyCheckedIn,
  makeup: day.makeup,
  cost: day.cost,
})
