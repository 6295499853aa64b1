import { z } from 'zod'
import { Cursor } from './common'

/** What happened, as the table's stream tells it (docs/data-model.md → Domain events). */
export const EventKind = z.enum([
  'member.registered',
  'purchase.recorded',
  'refund.recorded',
  'points.redeemed',
  'action.voided',
  'points.posted',
  'coupon.claimed',
  'coupon.redeemed',
  /** A redemption undone: the coupon's order was voided or refunded and the coupon given back. */
  'coupon.returned',
  'checkin.made',
  'referral.bound',
  'referral.qualified',
  'tier.changed',
])
export type EventKind = z.infer<typeof EventKind>

/** A domain event: derived from one committed item, so a redelivered stream record yields the same event. */
export const DomainEvent = z
  .object({
    /** Built from the item (`purchase.recorded:{actionId}`, …): the same change always has the same id. */
    id: z.string(),
    kind: EventKind,
    memberId: z.string(),
    /** The store where it happened, when there is one. */
    storeId: z.string().nullable(),
    /** The item's own time of the change (ISO-8601 UTC). */
    at: z.string(),
    /** Shanghai date of `at`. */
    day: z.string(),
    /** The amounts and references of the change (fen, points, order id, coupon code, tier, …). */
    data: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  })
  .meta({ id: 'DomainEvent' })
export type DomainEvent = z.infer<typeof DomainEvent>

/** After-commit work that reacts to events (docs/data-model.md → Domain events). */
export const ReactionName = z.enum(['tier.upgrade', 'referral.qualify', 'tier.reevaluate', 'referral.clawback', 'member.interaction'])
export type ReactionName = z.infer<typeof ReactionName>

/** A reaction that kept failing for an event: listed for an operator, who can replay it. */
export const DeadLetter = z
  .object({
    id: z.string(),
    reaction: ReactionName,
    event: DomainEvent,
    /** The last failure's message (no stack). */
    error: z.string(),
    /** Attempts made so far, over every delivery and replay. */
    attempts: z.number().int(),
    firstFailedAt: z.string(),
    failedAt: z.string(),
  })
  .meta({ id: 'DeadLetter' })
export type DeadLetter = z.infer<typeof DeadLetter>

export const DeadLettersQuery = z.object({ cursor: Cursor.optional(), limit: z.coerce.number().int().min(1).max(100).default(20) }).strict()
export const DeadLettersPage = z.object({ items: z.array(DeadLetter), nextCursor: z.string().nullable() }).meta({ id: 'DeadLettersPage' })
export type DeadLettersPage = z.infer<typeof DeadLettersPage>

export const DeadLetterIdParams = z.object({ id: z.string().regex(/^[0-9a-f]{16}$/, '记录编号格式不正确') })

/** A replay that ran the reaction to the end: the letter is gone and the event counts as handled. */
export const DeadLetterReplayed = z.object({ id: z.string(), reaction: ReactionName, eventId: z.string(), replayed: z.literal(true) }).meta({ id: 'DeadLetterReplayed' })
export type DeadLetterReplayed = z.infer<typeof DeadLetterReplayed>
