import { z } from 'zod'
import { IsoDate, Timestamp } from './common'

const TierRef = z.object({ code: z.string(), name: z.string() })

const GiftView = z.object({ points: z.number().int(), coupons: z.array(z.object({ templateId: z.string(), title: z.string() })) })

/** A rung of the ladder with its benefits, as the 会员等级 page shows it. */
export const TierBenefits = TierRef.extend({
  thresholdFen: z.number().int(),
  multiplierPercent: z.number().int(),
  memberDayBonusPercent: z.number().int(),
  upgradeGift: GiftView,
  birthdayGift: GiftView,
})

export const TierChange = z.object({
  at: Timestamp,
  from: z.string(),
  to: z.string(),
  /**
   * upgrade: growth crossed a threshold; reversal: a refund or void inside the return window took
   * a provisional upgrade back; review_keep / review_drop: the anniversary review.
   */
  reason: z.enum(['upgrade', 'reversal', 'review_keep', 'review_drop']),
  growthFen: z.number().int(),
  /** The purchase that caused the upgrade, or the order whose refund or void took it back. */
  orderId: z.string().optional(),
})
export type TierChange = z.infer<typeof TierChange>

/** An upgrade still inside the return window of the purchase that caused it. */
export const ProvisionalTier = z.object({
  tier: TierRef,
  from: TierRef,
  /** When it is confirmed. Before then, a refund or void of an order still inside its own window re-evaluates it. */
  until: Timestamp,
  /** Its gift points: pending until then. */
  giftPoints: z.number().int(),
  /** Its gift coupons: issued once it is confirmed. */
  giftCoupons: z.array(z.object({ templateId: z.string(), title: z.string() })),
})
export type ProvisionalTier = z.infer<typeof ProvisionalTier>

export const MyTier = z
  .object({
    tier: TierRef,
    /** Growth (fen) over the window: the current Shanghai month and the 11 before it. */
    growthFen: z.number().int(),
    window: z.object({ fromMonth: z.string(), toMonth: z.string() }),
    /** The next tier and the spend still needed to reach it; null at the top. */
    next: TierRef.extend({ needFen: z.number().int() }).nullable(),
    /** What keeps this tier at its review; null for the first tier (nothing to lose). */
    keep: z.object({ needFen: z.number().int(), by: IsoDate }).nullable(),
    /** 会员日 weekday (0 = Sunday), or null. */
    memberDayWeekday: z.number().int().nullable(),
    ladder: z.array(TierBenefits),
    /** Upgrades not yet confirmed, oldest first (empty when none). */
    provisional: z.array(ProvisionalTier),
    history: z.array(TierChange),
  })
  .meta({ id: 'MyTier' })
export type MyTier = z.infer<typeof MyTier>
