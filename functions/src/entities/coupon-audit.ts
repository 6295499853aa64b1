import { z } from 'zod'
import type { Table } from '../lib/db'
import { storeAuditPutPart } from './store-audit'
import type { OnConditionFailed, Part } from '../lib/transact'

/** The coupon actions at the till, each an entry of the store's audit trail (`{at}#coupon_{action}:{code}:{orderId}`). */
export const CouponTillAction = z.enum(['hold', 'confirm', 'release', 'redeem', 'void'])
export type CouponTillAction = z.infer<typeof CouponTillAction>

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

/**
 * The entry, `attribute_not_exists`: it exists exactly when the coupon changed. Failing means the
 * same action for the same order at the same instant is recorded already (by default 'retry').
 */
export function couponAuditPart(table: Table, s: CouponAuditSubject, onRecorded: OnConditionFailed = () => 'retry'): Part<'audit'> {
  const subject = { ...s, actionId: `${s.code}:${s.orderId}`, points: null }
  return { ...storeAuditPutPart(table, subject, `coupon_${s.action}`), onConditionFailed: onRecorded }
}
