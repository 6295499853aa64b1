import type { CouponTemplate, CouponTemplateInput } from '@siyu/shared/schemas/coupons'
import { ruleText } from '@siyu/shared/rules/coupon-discount'
import { keys } from '../lib/keys'

/** A template as stored (`COUPONTPL#{id}` / `TEMPLATE`). */
export type TemplateItem = CouponTemplateInput & {
  pk: string
  sk: 'TEMPLATE'
  type: 'couponTemplate'
  id: string
  shards: number
  /** Set only while every shard is full (conditioned on the stock it was read at); cleared when stock is raised. */
  soldOut?: boolean
  /** The open-templates index entry (see `openIndexOf`); absent while not on offer. */
  gsi1pk?: string
  gsi1sk?: string
  createdAt: string
  updatedAt: string
}

/** The index position of a template that never ends (a days-validity): after every dated one. */
export const NEVER_ENDS = '9999-12-31T23:59:59.999Z'

/**
 * A template's entry in the open-templates index: only templates members claim or exchange
 * (public, points) that are not paused, sorted by the instant claiming ends (normalised ISO, so
 * it compares as a string with `now`). Written with the template itself, so it never drifts.
 */
export function openIndexOf(t: Pick<TemplateItem, 'id' | 'channel' | 'paused' | 'validity'>): { gsi1pk: string; gsi1sk: string } | Record<string, never> {
  if ((t.channel.type !== 'public' && t.channel.type !== 'points') || t.paused) return {}
  const endsAt = t.validity.type === 'window' ? new Date(t.validity.to).toISOString() : NEVER_ENDS
  return keys.couponTemplateOpen(endsAt, t.id)
}

/** The template with its index entry recomputed (after an edit that may pause or resume it). */
export function withOpenIndex(t: TemplateItem): TemplateItem {
  const bare: TemplateItem = { ...t }
  delete bare.gsi1pk
  delete bare.gsi1sk
  return { ...bare, ...openIndexOf(bare) }
}

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
