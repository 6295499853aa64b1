import { z } from 'zod'
import type { Table } from '../lib/db'
import { keys } from '../lib/keys'
import type { OnConditionFailed, Part } from '../lib/transact'

/** The coupon actions at the till, each recorded in the store's audit trail as `coupon_{action}`. */
export const CouponTillAction = z.enum(['hold', 'confirm', 'release', 'redeem', 'void'])
export type CouponTillAction = z.infer<typeof CouponTillAction>

/**
 * A coupon till action's entry in the store's immutable audit trail of a Shanghai day
 * (`AUDIT#{storeId}#{day}` / `{at}#coupon_{action}:{code}:{orderId}`), the same shape as every
 * other till action's entry.
 */
export const CouponAuditEntry = z.object({
  pk: z.string(),
  sk: z.string(),
  type: z.literal('audit'),
  id: z.string(),
  at: z.string(),
  storeId: z.string(),
  staffId: z.string(),
  action: z.string(),
  memberId: z.string(),
  orderId: z.string(),
  amountFen: z.number().int(),
  points: z.null(),
  requestId: z.string(),
}).loose()
export type CouponAuditEntry = z.infer<typeof CouponAuditEntry>

export interface CouponAuditSubject {
  action: CouponTillAction
  code: string
  orderId: string
  storeId: string
  staffId: string
  memberId: string
  amountFen: number
  /** The Shanghai day whose trail it joins, and the instant. */
  day: string
  at: string
  requestId: string
}

export function couponAuditEntry(s: CouponAuditSubject): CouponAuditEntry {
  const action = `coupon_${s.action}`
  const id = `${action}:${s.code}:${s.orderId}`
  return {
    ...keys.storeAudit(s.storeId, s.day, s.at, id), type: 'audit', id, at: s.at, storeId: s.storeId, staffId: s.staffId, action,
    memberId: s.memberId, orderId: s.orderId, amountFen: s.amountFen, points: null, requestId: s.requestId,
  }
}

/**
 * The entry, `attribute_not_exists`: it exists exactly when the coupon changed. Failing means the
 * same action for the same order at the same instant is recorded already (by default 'retry').
 */
export function couponAuditPart(table: Table, s: CouponAuditSubject, onRecorded: OnConditionFailed = () => 'retry'): Part<'audit'> {
  return { name: 'audit', item: { Put: { TableName: table.name, Item: couponAuditEntry(s), ConditionExpression: 'attribute_not_exists(pk)' } }, onConditionFailed: onRecorded }
}
