import { shanghaiDate } from '@siyu/shared/rules/business-day'
import type { DomainEvent, EventKind } from '@siyu/shared/schemas/events'
import type { z } from 'zod'
import { CouponItem } from '../entities/coupon'
import { CheckinDayItem } from '../entities/checkin-day'
import { EntryItem } from '../entities/entry'
import { MemberItem } from '../entities/member'
import { ReferralItem } from '../entities/referral'
import { TierItem } from '../entities/tier'
import { TillActionItem } from '../entities/till-action'

/** One committed change of an item, as the stream tells it (images already unmarshalled). */
export interface ItemChange {
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE'
  newImage?: Record<string, unknown>
  oldImage?: Record<string, unknown>
  /** When DynamoDB recorded the change (the stream record's own time), for items that keep none of their own. */
  recordedAt?: string
}

type Data = DomainEvent['data']

const event = (kind: EventKind, ref: string, memberId: string, storeId: string | null, at: string, data: Data): DomainEvent => ({
  id: `${kind}:${ref}`, kind, memberId, storeId, at, day: shanghaiDate(new Date(at)), data,
})

/** A stored item of a known entity that its schema refuses: a writer's bug, reported, never an event. */
export class UnreadableItem extends Error {
  override name = 'UnreadableItem'
}

/** The image as `schema` reads it, or undefined when the item is another entity (or not in this image). */
function as<S extends z.ZodType>(schema: S, type: string, image: Record<string, unknown> | undefined): z.output<S> | undefined {
  if (image?.type !== type) return undefined
  const parsed = schema.safeParse(image)
  if (!parsed.success) throw new UnreadableItem(`${type} ${String(image.pk)} / ${String(image.sk)}: ${parsed.error.message}`)
  return parsed.data
}

/**
 * The domain events a committed change stands for (usually none or one). Pure, and derived from the
 * images alone: a redelivered record yields the same events with the same ids. An item its schema
 * refuses throws `UnreadableItem`.
 */
export function eventsOf(change: ItemChange): DomainEvent[] {
  if (change.eventName === 'REMOVE') return []
  const img = change.newImage
  const old = change.eventName === 'MODIFY' ? change.oldImage : undefined
  switch (img?.type) {
    case 'member': {
      const m = as(MemberItem, 'member', img)!
      return change.eventName === 'INSERT' ? [event('member.registered', m.memberId, m.memberId, null, m.createdAt, {})] : []
    }
    case 'tillAction':
      return tillActionEvents(as(TillActionItem, 'tillAction', img)!, as(TillActionItem, 'tillAction', old))
    case 'entry': {
      if (old) return [] // entries are immutable; a rewrite is not a new posting
      const e = as(EntryItem, 'entry', img)!
      return [event('points.posted', `${e.memberId}:${e.seq}`, e.memberId, null, e.at, { code: e.code, points: e.points, seq: e.seq, key: e.key, ref: e.ref, balanceAfter: e.balanceAfter })]
    }
    case 'coupon':
      return couponEvents(as(CouponItem, 'coupon', img)!, as(CouponItem, 'coupon', old))
    case 'checkinDay': {
      if (old) return [] // a make-up before it rewrites the streak, not the check-in
      const d = as(CheckinDayItem, 'checkinDay', img)!
      return [event('checkin.made', `${d.memberId}:${d.date}`, d.memberId, null, d.at, { date: d.date, points: d.points, bonus: d.bonus, makeup: d.makeup, cost: d.cost, streak: d.streak })]
    }
    case 'referral':
      return referralEvents(as(ReferralItem, 'referral', img)!, as(ReferralItem, 'referral', old))
    case 'tier':
      return tierEvents(as(TierItem, 'tier', img)!, as(TierItem, 'tier', old), change.recordedAt)
    default:
      return []
  }
}

function tillActionEvents(a: TillActionItem, before: TillActionItem | undefined): DomainEvent[] {
  if (before) {
    if (before.voided || !a.voided) return []
    const at = typeof a.voidedAt === 'string' ? a.voidedAt : a.at
    const voidedBy = typeof a.voidedBy === 'string' ? a.voidedBy : null
    return [event('action.voided', a.actionId, a.memberId, a.storeId, at, {
      actionId: a.actionId, actionKind: a.kind, orderId: a.orderId, amountFen: a.amountFen, points: a.points, discountFen: a.discountFen, staffId: voidedBy,
      // The voided action's own time: figures take a void back from the day of what it voids.
      actionAt: a.at,
    })]
  }
  const common = { actionId: a.actionId, orderId: a.orderId, staffId: a.staffId, amountFen: a.amountFen, points: a.points }
  switch (a.kind) {
    case 'purchase':
      return [event('purchase.recorded', a.actionId, a.memberId, a.storeId, a.at, { ...common, discountFen: a.discountFen, paidFen: a.amountFen - a.discountFen, couponCode: a.couponCode })]
    case 'refund':
      return [event('refund.recorded', a.actionId, a.memberId, a.storeId, a.at, { ...common, refundId: a.refundId })]
    case 'redemption':
      return [event('points.redeemed', a.actionId, a.memberId, a.storeId, a.at, { ...common, valueFen: a.discountFen })]
  }
}

function couponEvents(c: CouponItem, before: CouponItem | undefined): DomainEvent[] {
  if (!before) return [event('coupon.claimed', c.code, c.memberId, null, c.claimedAt, { code: c.code, templateId: c.templateId, claimKey: c.claimKey })]
  if (before.state === 'used' && before.redemption && c.state !== 'used' && c.undone) return [couponReturned(c, before.redemption, c.undone)]
  const r = c.redemption
  if (c.state !== 'used' || before.state === 'used' || !r) return []
  return [event('coupon.redeemed', `${c.code}:${r.orderId}`, c.memberId, r.storeId, r.at, {
    code: c.code, templateId: c.templateId, orderId: r.orderId, amountFen: r.amountFen, discountFen: r.discountFen, staffId: r.staffId,
  })]
}

/** A redemption undone (its order voided or refunded): the coupon is the member's again. */
function couponReturned(c: CouponItem, r: NonNullable<CouponItem['redemption']>, undone: NonNullable<CouponItem['undone']>): DomainEvent {
  return event('coupon.returned', `${c.code}:${undone.orderId}`, c.memberId, undone.storeId ?? r.storeId, undone.at, {
    code: c.code, templateId: c.templateId, orderId: undone.orderId, why: undone.why, redeemedAt: r.at,
  })
}

function referralEvents(r: ReferralItem, before: ReferralItem | undefined): DomainEvent[] {
  if (!before) return [event('referral.bound', r.inviteeId, r.inviteeId, null, r.boundAt, { referrerId: r.referrerId, inviteCode: r.inviteCode, rewarded: !r.unrewardedReason })]
  if (r.status !== 'qualified' || before.status === 'qualified' || !r.qualifiedAt) return []
  return [event('referral.qualified', r.inviteeId, r.inviteeId, null, r.qualifiedAt, { referrerId: r.referrerId, orderId: r.qualifyingOrderId })]
}

function tierEvents(t: TierItem, before: TierItem | undefined, recordedAt: string | undefined): DomainEvent[] {
  if (before && before.tier === t.tier) return []
  // A reversal restores the earlier `since`: the change itself happened when DynamoDB recorded it.
  const at = recordedAt && recordedAt > t.since ? recordedAt : t.since
  return [event('tier.changed', `${t.memberId}:${t.version}`, t.memberId, null, at, { from: before?.tier ?? null, to: t.tier, version: t.version })]
}
