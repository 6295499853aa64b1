import { z } from 'zod'
import { Cursor, MemberId, Timestamp } from './common'

/** Why points moved. A closed list: the UI has a Chinese label for each. */
export const EntryCode = z.enum([
  'checkin',
  'checkin_makeup',
  'purchase',
  'purchase_activation',
  'purchase_reversal',
  'coupon_exchange',
  'till_redemption',
  'till_redemption_void',
  'referral_reward',
  'referral_clawback',
  'tier_gift',
  'tier_gift_reversal',
  'birthday_gift',
  'expiry',
  'adjustment',
])
export type EntryCode = z.infer<typeof EntryCode>

export const PointsEntry = z
  .object({
    id: z.string(),
    code: EntryCode,
    /** Net change of available + pending − debt. */
    points: z.number().int(),
    /** Available points after this entry. */
    balanceAfter: z.number().int(),
    pendingAfter: z.number().int(),
    debtAfter: z.number().int(),
    expiryMonth: z.string().optional(),
    ref: z.string(),
    note: z.string().optional(),
    at: Timestamp,
  })
  .meta({ id: 'PointsEntry' })
export type PointsEntry = z.infer<typeof PointsEntry>

export const ExpiringLot = z.object({
  month: z.string(),
  points: z.number().int(),
  /** Last Shanghai day the points can be used. */
  lastDay: z.iso.date(),
})
export type ExpiringLot = z.infer<typeof ExpiringLot>

export const PointsSummary = z
  .object({
    available: z.number().int(),
    pending: z.number().int(),
    debt: z.number().int(),
    expiringSoon: ExpiringLot.nullable(),
    /** Available points by expiry month, soonest first. */
    lots: z.array(ExpiringLot),
    lifetime: z.object({ earned: z.number().int(), spent: z.number().int(), expired: z.number().int(), reversed: z.number().int() }),
  })
  .meta({ id: 'PointsSummary' })
export type PointsSummary = z.infer<typeof PointsSummary>

export const PointsHistoryQuery = z
  .object({
    cursor: Cursor.optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    code: EntryCode.optional(),
  })
  .strict()
export type PointsHistoryQuery = z.infer<typeof PointsHistoryQuery>

export const PointsHistoryPage = z.object({ items: z.array(PointsEntry), nextCursor: z.string().nullable() })
export type PointsHistoryPage = z.infer<typeof PointsHistoryPage>

export const AdjustmentRequest = z
  .object({
    memberId: MemberId,
    points: z.number().int().refine((n) => n !== 0, '调整积分不能为 0'),
    reason: z.string().trim().min(2, '请填写调整原因').max(200),
  })
  .strict()
export type AdjustmentRequest = z.infer<typeof AdjustmentRequest>

export const AdjustmentResponse = z.object({ entry: PointsEntry, replayed: z.boolean() })
export type AdjustmentResponse = z.infer<typeof AdjustmentResponse>

export const DebtorsQuery = z.object({ cursor: Cursor.optional(), limit: z.coerce.number().int().min(1).max(100).default(50) }).strict()
export const DebtorsPage = z.object({
  items: z.array(z.object({ memberId: z.string(), debt: z.number().int(), available: z.number().int(), updatedAt: Timestamp })),
  nextCursor: z.string().nullable(),
})
export type DebtorsPage = z.infer<typeof DebtorsPage>
