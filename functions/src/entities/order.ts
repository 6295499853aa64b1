import { z } from 'zod'
import { getItem, type Table } from '../lib/db'
import { DomainError } from '../lib/errors'
import { keys } from '../lib/keys'
import { updatePart, type Part } from '../lib/transact'

/** An order recorded at the till (`ORDER#{id}` / `ORDER`): refunds and voids are checked against it. */
export const OrderFields = z
  .object({
    orderId: z.string(),
    storeId: z.string(),
    memberId: z.string(),
    /** The order total before any coupon. */
    amountFen: z.number().int(),
    /** What the member paid (total − coupon discount): points, growth and refunds are measured on it. */
    paidFen: z.number().int(),
    refundedFen: z.number().int(),
    points: z.number().int(),
    reversedPoints: z.number().int(),
    couponCode: z.string().nullable(),
    /** Shanghai month of the purchase: its growth, and the growth refunds take back. */
    month: z.string(),
    status: z.enum(['active', 'voided']),
    at: z.string(),
  })
export type OrderFields = z.infer<typeof OrderFields>

export const OrderItem = OrderFields.extend({ type: z.literal('order') }).loose()
export type OrderItem = z.infer<typeof OrderItem>

export async function findOrder(table: Table, orderId: string): Promise<OrderItem | undefined> {
  const raw = await getItem(table, keys.order(orderId))
  return raw ? OrderItem.parse(raw) : undefined
}

/** Records a new order; the id taken is `idempotency.mismatch` (the order id is in use). */
export function orderPutNewPart(table: Table, order: OrderFields): Part<'order'> {
  return {
    name: 'order',
    item: { Put: { TableName: table.name, Item: { ...keys.order(order.orderId), ...order, type: 'order' }, ConditionExpression: 'attribute_not_exists(pk)' } },
    onConditionFailed: () => new DomainError('idempotency.mismatch', '该单号已被使用'),
  }
}

/**
 * The order's next state, conditioned on the state the decision was made from (active, the refunded
 * total read): a refund or void in between makes the caller decide again ('retry').
 */
export function orderUpdatePart(table: Table, order: OrderFields, set: { refundedFen: number; reversedPoints: number; status?: OrderItem['status'] }): Part<'order'> {
  const asRead = stillAsRead(order)
  return updatePart('order', table, keys.order(order.orderId), {
    ...asRead,
    UpdateExpression: `SET refundedFen = :refunded, reversedPoints = :reversed${set.status ? ', #status = :status' : ''}`,
    ExpressionAttributeValues: {
      ...asRead.ExpressionAttributeValues, ':refunded': set.refundedFen, ':reversed': set.reversedPoints, ...(set.status ? { ':status': set.status } : {}),
    },
  }, () => 'retry')
}

/** The condition that the order is as the decision read it: active, with the refunded total read. */
const stillAsRead = (order: OrderFields) => ({
  ConditionExpression: '#status = :active AND refundedFen = :was',
  ExpressionAttributeNames: { '#status': 'status' },
  ExpressionAttributeValues: { ':active': 'active', ':was': order.refundedFen },
})

/**
 * The order is still as read when the transaction commits (active, the refunded total read): a
 * decision made from it — a referral's qualification — is planned again after a refund or void ('retry').
 */
export function orderAsReadPart(table: Table, order: OrderFields): Part<'order'> {
  return {
    name: 'order',
    item: { ConditionCheck: { TableName: table.name, Key: keys.order(order.orderId), ...stillAsRead(order) } },
    onConditionFailed: () => 'retry',
  }
}
