import type { CouponTemplate } from '@siyu/shared/schemas/coupons'
import { ruleText } from '@siyu/shared/rules/coupon-discount'
import type { TemplateItem } from '../entities/coupon-template'

export { NEVER_ENDS, openIndexOf, withOpenIndex, type TemplateItem } from '../entities/coupon-template'

/**
 * Stock shards: enough that no shard item takes more than ~500 writes/s at a 10,000 claims/s
 * peak (see README), but never more shards than units.
 */
export const MAX_SHARDS = 20
export const shardCount = (totalStock: number) => Math.min(MAX_SHARDS, totalStock)

/** Splits `total` units over `shards` as evenly as possible (the first shards take the remainder). */
export const splitStock = (total: number, shards: number): number[] =>
  Array.from({ length: shards }, (_, i) => Math.floor(total / shards) + (i < total % shards ? 1 : 0))

export const toTemplate = (t: TemplateItem): CouponTemplate => ({
  id: t.id,
  title: t.title,
  description: t.description,
  benefit: t.benefit,
  stores: t.stores,
  validity: t.validity,
  totalStock: t.totalStock,
  perMemberLimit: t.perMemberLimit,
  channel: t.channel,
  paused: t.paused,
  returnOnRefund: t.returnOnRefund,
  shards: t.shards,
  ruleText: ruleText(t.benefit),
  createdAt: t.createdAt,
  updatedAt: t.updatedAt,
})
