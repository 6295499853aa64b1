import { z } from 'zod'
import { Cursor, IsoDate, MemberId, StoreId, Timestamp } from './common'
import { LoginResponse } from './auth'

export const OrderId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, '订单号格式不正确（1–64 位字母、数字、-、_）')
const Fen = z.number().int().min(1, '金额必须大于 0').max(100_000_000)

export const CreateStoreRequest = z
  .object({ storeId: StoreId, name: z.string().trim().min(1).max(40), city: z.string().trim().min(1).max(20) })
  .strict()
export type CreateStoreRequest = z.infer<typeof CreateStoreRequest>

export const Store = z
  .object({
    storeId: z.string(),
    name: z.string(),
    city: z.string(),
    /** 营业中 (true) or 已停业; stores created before the console had no flag and are open. */
    open: z.boolean().default(true),
    createdAt: Timestamp,
  })
  .meta({ id: 'Store' })
export const StoresList = z.object({ items: z.array(Store) }).meta({ id: 'StoresList' })

export const StaffRole = z.enum(['clerk', 'manager'])
export type StaffRole = z.infer<typeof StaffRole>

export const StaffInviteRequest = z.object({ storeId: StoreId, role: StaffRole }).strict()
export type StaffInviteRequest = z.infer<typeof StaffInviteRequest>

export const StaffInvite = z
  .object({ inviteCode: z.string(), storeId: z.string(), role: StaffRole, expiresAt: Timestamp })
  .meta({ id: 'StaffInvite' })
export type StaffInvite = z.infer<typeof StaffInvite>

export const BindStaffRequest = z.object({ inviteCode: z.string().trim().toUpperCase().regex(/^[0-9A-Z]{8}$/, '邀请码为 8 位字母或数字') }).strict()
export type BindStaffRequest = z.infer<typeof BindStaffRequest>

/** Binding answers with a fresh session: the new role works at once. */
export const BindStaffResponse = LoginResponse.omit({ isNew: true, memberCode: true }).meta({ id: 'BindStaffResponse' })

export const MemberIdParams = z.object({ memberId: MemberId })

export const PurchaseRequest = z
  .object({
    memberCode: z.string().trim().min(1).max(32),
    orderId: OrderId,
    amountFen: Fen,
    /** A coupon held for this order (POST /v1/staff/coupons/{code}/hold) to redeem with it. */
    couponCode: z.string().regex(/^\d{18}$/, '券码格式不正确').optional(),
  })
  .strict()
export type PurchaseRequest = z.infer<typeof PurchaseRequest>

export const TillAction = z
  .object({
    actionId: z.string(),
    kind: z.enum(['purchase', 'refund', 'redemption']),
    storeId: z.string(),
    staffId: z.string(),
    memberId: z.string(),
    orderId: z.string(),
    refundId: z.string().nullable(),
    amountFen: z.number().int(),
    /** Points earned (purchase, pending), reversed (refund) or spent (redemption). */
    points: z.number().int(),
    /** Money off: a coupon's discount with a purchase, the points' value with a redemption. */
    discountFen: z.number().int(),
    couponCode: z.string().nullable(),
    at: Timestamp,
    voided: z.boolean(),
    /** True when this answers a retry of an action already done. */
    replayed: z.boolean(),
  })
  .meta({ id: 'TillAction' })
export type TillAction = z.infer<typeof TillAction>

export const RefundRequest = z.object({ orderId: OrderId, refundId: OrderId, amountFen: Fen }).strict()
export type RefundRequest = z.infer<typeof RefundRequest>

export const RedemptionRequest = z
  .object({ memberCode: z.string().trim().min(1).max(32), orderId: OrderId, points: z.number().int().min(1).max(10_000_000) })
  .strict()
export type RedemptionRequest = z.infer<typeof RedemptionRequest>

export const ActionIdParams = z.object({ id: z.string().regex(/^(pur|ref|red)_[A-Za-z0-9_-]{1,64}$/, '操作编号格式不正确') })

export const DateQuery = z.object({ date: IsoDate.optional() }).strict()

export const StoreDaySummary = z
  .object({
    storeId: z.string(),
    date: IsoDate,
    purchases: z.number().int(),
    purchaseFen: z.number().int(),
    pointsIssued: z.number().int(),
    couponsRedeemed: z.number().int(),
    discountFen: z.number().int(),
    refunds: z.number().int(),
    refundFen: z.number().int(),
    pointsReversed: z.number().int(),
    redemptions: z.number().int(),
    pointsRedeemed: z.number().int(),
    voids: z.number().int(),
  })
  .meta({ id: 'StoreDaySummary' })
export type StoreDaySummary = z.infer<typeof StoreDaySummary>

export const AuditQuery = z
  .object({ date: IsoDate.optional(), staffId: MemberId.optional(), cursor: Cursor.optional(), limit: z.coerce.number().int().min(1).max(100).default(50) })
  .strict()
export type AuditQuery = z.infer<typeof AuditQuery>

export const AuditEntry = z
  .object({
    id: z.string(),
    at: Timestamp,
    storeId: z.string(),
    staffId: z.string(),
    action: z.string(),
    memberId: z.string().nullable(),
    orderId: z.string().nullable(),
    amountFen: z.number().int().nullable(),
    points: z.number().int().nullable(),
    requestId: z.string(),
  })
  .meta({ id: 'AuditEntry' })
export const AuditPage = z.object({ items: z.array(AuditEntry), nextCursor: z.string().nullable() }).meta({ id: 'AuditPage' })
export type AuditPage = z.infer<typeof AuditPage>
