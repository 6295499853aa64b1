import type { StoreDaySummary, TillAction } from '@siyu/shared/schemas/staff'
import type { Table } from '../lib/db'
import { keys } from '../lib/keys'
import type { TransactItem } from '../ledger/post'

/** A till action as stored (`ACTION#{id}`): what void, the audit and a retry refer to. */
export interface ActionItem extends Omit<TillAction, 'replayed'> {
  pk: string
  sk: 'ACTION'
  type: 'tillAction'
  /** Shanghai day of the action (managers may void any action of their store that day). */
  day: string
  requestId: string
}

/** An order recorded at the till (`ORDER#{id}`): refunds and voids are checked against it. */
export interface OrderItem {
  pk: string
  sk: 'ORDER'
  type: 'order'
  orderId: string
  storeId: string
  memberId: string
  /** The order total before any coupon. */
  amountFen: number
  /** What the member paid (total − coupon discount): points, growth and refunds are measured on it. */
  paidFen: number
  refundedFen: number
  points: number
  reversedPoints: number
  couponCode: string | null
  /** Shanghai month of the purchase: its growth, and the growth refunds take back. */
  month: string
  status: 'active' | 'voided'
  at: string
}

export const toTillAction = (a: ActionItem, replayed: boolean): TillAction => ({
  actionId: a.actionId, kind: a.kind, storeId: a.storeId, staffId: a.staffId, memberId: a.memberId, orderId: a.orderId,
  refundId: a.refundId, amountFen: a.amountFen, points: a.points, discountFen: a.discountFen, couponCode: a.couponCode,
  at: a.at, voided: a.voided, replayed,
})

export const putNew = (table: Table, item: Record<string, unknown>): TransactItem => ({
  Put: { TableName: table.name, Item: item, ConditionExpression: 'attribute_not_exists(pk)' },
})

/** What an audit entry records: who, where, what, for whom, how much, which request (an ActionItem is one). */
export interface AuditSubject {
  /** With the action name, the entry's id (`{action}:{actionId}`). */
  actionId: string
  storeId: string
  staffId: string
  /** The Shanghai day whose trail it joins. */
  day: string
  at: string
  memberId: string | null
  orderId: string | null
  amountFen: number | null
  points: number | null
  requestId: string
}

/** The immutable audit entry of an action: who, where, what, for whom, how much, which request. */
export function auditItem(table: Table, a: AuditSubject, action: string, at = a.at): TransactItem {
  return putNew(table, {
    ...keys.storeAudit(a.storeId, a.day, at, `${action}:${a.actionId}`), type: 'audit', id: `${action}:${a.actionId}`,
    at, storeId: a.storeId, staffId: a.staffId, action, memberId: a.memberId, orderId: a.orderId,
    amountFen: a.amountFen, points: a.points, requestId: a.requestId,
  })
}

export type DayCounters = Partial<Omit<StoreDaySummary, 'storeId' | 'date'>>

/** Adds to the store's day counters (negative to take back), in the action's transaction. */
export function storeDayItem(table: Table, storeId: string, day: string, counters: DayCounters): TransactItem {
  const names = Object.keys(counters)
  return {
    Update: {
      TableName: table.name, Key: keys.storeDay(storeId, day),
      UpdateExpression: `SET #type = :type, storeId = :store, #date = :day ADD ${names.map((n) => `#${n} :${n}`).join(', ')}`,
      ExpressionAttributeNames: { '#type': 'type', '#date': 'date', ...Object.fromEntries(names.map((n) => [`#${n}`, n])) },
      ExpressionAttributeValues: { ':type': 'storeDay', ':store': storeId, ':day': day, ...Object.fromEntries(names.map((n) => [`:${n}`, counters[n as keyof DayCounters]])) },
    },
  }
}

/** Adds qualifying spend (negative for refunds) to the member's growth of a month. */
export function growthItem(table: Table, memberId: string, month: string, fen: number): TransactItem {
  return {
    Update: {
      TableName: table.name, Key: keys.growth(memberId, month),
      UpdateExpression: 'SET #type = :type, memberId = :m, #month = :month ADD fen :fen',
      ExpressionAttributeNames: { '#type': 'type', '#month': 'month' },
      ExpressionAttributeValues: { ':type': 'growth', ':m': memberId, ':month': month, ':fen': fen },
    },
  }
}
