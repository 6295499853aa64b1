import { shanghaiDate } from '@siyu/shared/rules/business-day'
import type { DomainEvent } from '@siyu/shared/schemas/events'
import type { EntryCode } from '@siyu/shared/schemas/points'
import type { BrandStatsChange } from '../entities/brand-stats'

/**
 * What an event adds to the brand's figures (概览). The figures count what happened on a Shanghai
 * day and still stands:
 * - **Voids take back.** A void corrects a till mistake (within minutes), so `action.voided` of a
 *   purchase takes the purchase, its amount and its points out of the figures of the purchase's
 *   own day, and of a redemption its points out of that redemption's day — as the store's day
 *   counters do (`staff/void.ts`). The void's ledger entries (`purchase_reversal`,
 *   `till_redemption_void`) then count as neither issued nor redeemed, so nothing is taken twice.
 * - **Refunds don't.** Purchases and points issued are before refunds (a refund is a later,
 *   separate event; its `purchase_reversal` entry is neither).
 * - `purchaseFen` is the amount rung up, before coupon discounts — the store's `purchaseFen` too.
 * - A redeemed coupon given back (its order voided or refunded: `coupon.returned`) is taken out
 *   of the redemption's day and its template's count.
 * - `couponsClaimed` counts every coupon issued: claims, exchanges and gifts.
 * - The liability adds every entry's `points` (its net effect on available + pending − debt), so
 *   it is what members hold, whatever the code.
 */
export function brandStatsChangeOf(e: DomainEvent): BrandStatsChange {
  switch (e.kind) {
    case 'member.registered':
      return { day: e.day, counts: { membersJoined: 1 } }
    case 'purchase.recorded':
      return { day: e.day, counts: { purchases: 1, purchaseFen: num(e, 'amountFen') } }
    case 'action.voided':
      return voidTakeBack(e)
    case 'points.posted':
      return { day: e.day, counts: pointsCounts(e.data.code as EntryCode, num(e, 'points')), liability: num(e, 'points') }
    case 'coupon.claimed':
      return { day: e.day, counts: { couponsClaimed: 1 } }
    case 'coupon.redeemed':
      return { day: e.day, counts: { couponsRedeemed: 1 }, template: { id: String(e.data.templateId), redeemed: 1 } }
    case 'coupon.returned':
      return { day: dayOf(e, 'redeemedAt'), counts: { couponsRedeemed: -1 }, template: { id: String(e.data.templateId), redeemed: -1 } }
    default:
      return { day: e.day, counts: {} }
  }
}

/** Earned points (the member was given them). */
const ISSUED: ReadonlySet<EntryCode> = new Set(['checkin', 'purchase', 'referral_reward', 'tier_gift', 'birthday_gift'])
/** Points the member spent on something. */
const REDEEMED: ReadonlySet<EntryCode> = new Set(['coupon_exchange', 'till_redemption'])

/**
 * Issued or redeemed by the entry's code. A make-up (`checkin_makeup`) spends its cost and grants
 * the day's points in one entry: its net counts, issued when positive, redeemed when negative. An
 * operator's adjustment counts as issued when it adds; taking points away is a correction, not a
 * redemption. Reversals, claw-backs, expiry and activation are neither.
 */
function pointsCounts(code: EntryCode, points: number): BrandStatsChange['counts'] {
  if (ISSUED.has(code) || ((code === 'adjustment' || code === 'checkin_makeup') && points > 0)) return { pointsIssued: points }
  if (REDEEMED.has(code) || (code === 'checkin_makeup' && points < 0)) return { pointsRedeemed: -points }
  return {}
}

function voidTakeBack(e: DomainEvent): BrandStatsChange {
  const day = dayOf(e, 'actionAt')
  if (e.data.actionKind === 'purchase') return { day, counts: { purchases: -1, purchaseFen: -num(e, 'amountFen'), pointsIssued: -num(e, 'points') } }
  if (e.data.actionKind === 'redemption') return { day, counts: { pointsRedeemed: -num(e, 'points') } }
  return { day, counts: {} }
}

/** A number of the event's data (0 when absent: counting never fails the stream). */
const num = (e: DomainEvent, field: string): number => {
  const v = e.data[field]
  return typeof v === 'number' && Number.isInteger(v) ? v : 0
}

/** The Shanghai day of a time in the event's data (events kept before it was recorded: the event's day). */
const dayOf = (e: DomainEvent, field: string): string => {
  const v = e.data[field]
  return typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? shanghaiDate(new Date(v)) : e.day
}
