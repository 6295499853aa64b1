import type { CheckinResult } from '@siyu/shared/schemas/checkin'
import type { Table } from '../lib/db'
import { DomainError } from '../lib/errors'
import { keys } from '../lib/keys'
import type { Part, TransactItem } from '../lib/transact'
import type { CheckinDayItem } from '../entities/checkin-day'

export { daysBetween, getDay, type CheckinDayItem } from '../entities/checkin-day'

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

/** `touchMember` as a named part: a member that does not exist is `member.not_found`. */
export const touchMemberPart = (table: Table, memberId: string, at: string): Part<'member'> => ({
  name: 'member',
  item: touchMember(table, memberId, at),
  onConditionFailed: () => new DomainError('member.not_found', '会员不存在'),
})

export const toResult = (day: CheckinDayItem, alreadyCheckedIn: boolean): CheckinResult => ({
  date: day.date,
  streak: day.streak,
  points: day.points,
  bonus: day.bonus,
  alreadyCheckedIn,
  makeup: day.makeup,
  cost: day.cost,
})
