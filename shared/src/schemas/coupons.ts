import { z } from 'zod'
import { Cursor, IsoDate, MemberId, StoreId, Timestamp } from './common'

const Fen = z.number().int().min(1).max(100_000_000)

/** What a coupon gives: a discriminated union on `kind`; all money in fen. */
export const CouponBenefit = z.discriminatedUnion('kind', [
  /** 代金券: a fixed amount off (never more than the order). */
  z.object({ kind: z.literal('fixed'), amountOffFen: Fen }).strict(),
  /** 折扣券: percent off, rounded down to the fen, at most `capFen` when set. */
  z.object({ kind: z.literal('percent'), percentOff: z.number().int().min(1).max(99), capFen: Fen.optional() }).strict(),
  /** 满减: spend ≥ threshold, then a fixed amount off. */
  z.object({ kind: z.literal('threshold'), thresholdFen: Fen, amountOffFen: Fen }).strict()
    .refine((b) => b.amountOffFen < b.thresholdFen, { message: '减免金额必须小于门槛金额', path: ['amountOffFen'] }),
  /** 兑换券: a free gift; no money off. */
  z.object({ kind: z.literal('gift'), giftName: z.string().trim().min(1).max(40) }).strict(),
])
export type CouponBenefit = z.infer<typeof CouponBenefit>

export const CouponValidity = z.discriminatedUnion('type', [
  /** Valid between two instants. */
  z.object({ type: z.literal('window'), from: Timestamp, to: Timestamp }).strict()
    .refine((v) => v.from < v.to, { message: '结束时间必须晚于开始时间', path: ['to'] }),
  /** Valid from the claim until the end of the Nth Shanghai day (the claim day is day 1). */
  z.object({ type: z.literal('days'), days: z.number().int().min(1).max(3650) }).strict(),
])
export type CouponValidity = z.infer<typeof CouponValidity>

export const CouponChannel = z.discriminatedUnion('type', [
  z.object({ type: z.literal('public') }).strict(),
  z.object({ type: z.literal('points'), pricePoints: z.number().int().min(1).max(1_000_000) }).strict(),
  z.object({ type: z.literal('tier_gift') }).strict(),
  z.object({ type: z.literal('referral_reward') }).strict(),
  z.object({ type: z.literal('campaign') }).strict(),
  z.object({ type: z.literal('birthday') }).strict(),
])
export type CouponChannel = z.infer<typeof CouponChannel>

export const CouponTemplateInput = z
  .object({
    title: z.string().trim().min(1, '请填写券名称').max(40),
    description: z.string().trim().max(200).default(''),
    benefit: CouponBenefit,
    /** 'all' stores, or a list of store ids. */
    stores: z.union([z.literal('all'), z.array(StoreId).min(1).max(500)]),
    validity: CouponValidity,
    totalStock: z.number().int().min(1).max(10_000_000),
    perMemberLimit: z.number().int().min(1).max(100),
    channel: CouponChannel,
    paused: z.boolean().default(false),
    /** Whether a refund of the order that used the coupon gives it back to the member. */
    returnOnRefund: z.boolean().default(true),
  })
  .strict()
export type CouponTemplateInput = z.infer<typeof CouponTemplateInput>

/** What an operator may change after creation (not the benefit, stock split or channel). */
export const CouponTemplatePatch = z
  .object({
    title: CouponTemplateInput.shape.title.optional(),
    description: z.string().trim().max(200).optional(),
    paused: z.boolean().optional(),
    /** Raise only: issued coupons are never taken back. */
    totalStock: CouponTemplateInput.shape.totalStock.optional(),
    perMemberLimit: CouponTemplateInput.shape.perMemberLimit.optional(),
    returnOnRefund: z.boolean().optional(),
  })
  .strict()
  .refine((p) => Object.keys(p).length > 0, '没有需要修改的字段')
export type CouponTemplatePatch = z.infer<typeof CouponTemplatePatch>

export const TemplateIdParams = z.object({ id: z.string().regex(/^ct_[0-9a-z]{10,40}$/, '券模板编号格式不正确') })

export const CouponTemplate = z
  .object({
    id: z.string(),
    title: z.string(),
    description: z.string(),
    benefit: CouponBenefit,
    stores: z.union([z.literal('all'), z.array(z.string())]),
    validity: CouponValidity,
    totalStock: z.number().int(),
    perMemberLimit: z.number().int(),
    channel: CouponChannel,
    paused: z.boolean(),
    returnOnRefund: z.boolean(),
    /** Stock is split over this many shard items (write-sharding for flash claims). */
    shards: z.number().int(),
    /** The rule in words, e.g. 满100元减20元. */
    ruleText: z.string(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'CouponTemplate' })
export type CouponTemplate = z.infer<typeof CouponTemplate>

/** Why a member cannot claim a template now (null = claimable). */
export const ClaimBlocker = z.enum(['sold_out', 'limit_reached', 'not_started', 'ended', 'paused'])
export type ClaimBlocker = z.infer<typeof ClaimBlocker>

export const ClaimableTemplate = z
  .object({
    template: CouponTemplate,
    /** Units left in stock (0 when sold out). */
    remaining: z.number().int(),
    claimedByMe: z.number().int(),
    blocker: ClaimBlocker.nullable(),
  })
  .meta({ id: 'ClaimableTemplate' })

export const ClaimableTemplates = z.object({ items: z.array(ClaimableTemplate) }).meta({ id: 'ClaimableTemplates' })
export type ClaimableTemplates = z.infer<typeof ClaimableTemplates>

export const CouponStatus = z.enum(['available', 'held', 'used', 'expired'])
export type CouponStatus = z.infer<typeof CouponStatus>

export const Coupon = z
  .object({
    /** 18 digits, unguessable: shown as QR and code128 at the till. */
    code: z.string(),
    templateId: z.string(),
    memberId: MemberId,
    title: z.string(),
    ruleText: z.string(),
    benefit: CouponBenefit,
    stores: z.union([z.literal('all'), z.array(z.string())]),
    status: CouponStatus,
    validFrom: Timestamp,
    validTo: Timestamp,
    /** Last Shanghai day it can be used. */
    lastDay: IsoDate,
    claimedAt: Timestamp,
    usedAt: Timestamp.nullable(),
  })
  .meta({ id: 'Coupon' })
export type Coupon = z.infer<typeof Coupon>

export const ClaimResponse = z.object({ coupon: Coupon, replayed: z.boolean() }).meta({ id: 'ClaimResponse' })
export type ClaimResponse = z.infer<typeof ClaimResponse>

export const MyCouponsQuery = z
  .object({
    status: CouponStatus.default('available'),
    cursor: Cursor.optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict()
export type MyCouponsQuery = z.infer<typeof MyCouponsQuery>

export const CouponsPage = z.object({ items: z.array(Coupon), nextCursor: z.string().nullable() }).meta({ id: 'CouponsPage' })
export type CouponsPage = z.infer<typeof CouponsPage>

export const CouponCodeParams = z.object({ code: z.string().regex(/^\d{18}$/, '券码格式不正确') })

export const HoldRequest = z.object({ orderId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, '订单号格式不正确'), amountFen: Fen }).strict()
export type HoldRequest = z.infer<typeof HoldRequest>
export const OrderRequest = z.object({ orderId: HoldRequest.shape.orderId }).strict()
export type OrderRequest = z.infer<typeof OrderRequest>

/** The till's view after hold / confirm / release / redeem / void. */
export const TillCouponResult = z
  .object({
    code: z.string(),
    status: CouponStatus,
    orderId: z.string(),
    discountFen: z.number().int(),
    /** For 兑换券: the gift to hand over. */
    giftName: z.string().nullable(),
    holdUntil: Timestamp.nullable(),
  })
  .meta({ id: 'TillCouponResult' })
export type TillCouponResult = z.infer<typeof TillCouponResult>
