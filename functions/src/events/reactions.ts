import type { ProgramRules } from '@siyu/shared/rules/program-rules'
import type { DomainEvent, EventKind, ReactionName } from '@siyu/shared/schemas/events'
import { noteInteraction } from '../entities/member'
import { findOrder } from '../entities/order'
import type { LedgerDeps } from '../ledger/post'
import { clawBackIfDisqualified, qualifyIfEligible } from '../referrals/qualify'
import { reevaluateAfterReversal } from '../tiers/reversal'
import { upgradeIfQualified } from '../tiers/upgrade'

/**
 * After-commit work, each reacting to events of some kinds. Every reaction is idempotent on its own
 * (it decides from the data as it is now, and its writes are keyed), so running it again after a
 * crash — before its handled marker was written — changes nothing.
 */
export interface Reaction {
  name: ReactionName
  on: readonly EventKind[]
  /** Narrower than the kinds, when only some events of them matter. */
  when?: (e: DomainEvent) => boolean
  run: (deps: LedgerDeps, rules: ProgramRules, e: DomainEvent) => Promise<void>
}

const text = (e: DomainEvent, field: string): string => {
  const v = e.data[field]
  if (typeof v !== 'string') throw new Error(`event ${e.id} has no ${field}`)
  return v
}
const reversalOfPurchase = (e: DomainEvent) => e.kind === 'refund.recorded' || e.data.actionKind === 'purchase'

/** What counts as the member interacting (lifecycle stages read the last one). */
export const INTERACTIONS: readonly EventKind[] = ['purchase.recorded', 'points.redeemed', 'checkin.made', 'coupon.claimed', 'coupon.redeemed', 'referral.bound']

export const reactions: readonly Reaction[] = [
  {
    // Crossing a threshold upgrades at once, provisionally for the purchase's return window.
    name: 'tier.upgrade',
    on: ['purchase.recorded'],
    run: async (deps, rules, e) => {
      await upgradeIfQualified(deps, rules, e.memberId, { orderId: text(e, 'orderId') })
    },
  },
  {
    // An invitee's qualifying purchase (as the order now stands) rewards both sides, and pays what a crash left owed.
    name: 'referral.qualify',
    on: ['purchase.recorded'],
    run: (deps, rules, e) => qualifyIfEligible(deps, rules, { memberId: e.memberId, orderId: text(e, 'orderId') }),
  },
  {
    // A reversal inside the order's return window (at the reversal's own time) undoes the upgrades it no longer carries.
    name: 'tier.reevaluate',
    on: ['refund.recorded', 'action.voided'],
    when: reversalOfPurchase,
    run: (deps, rules, e) => reevaluateAfterReversal(deps, rules, { memberId: e.memberId, orderId: text(e, 'orderId'), at: new Date(e.at) }),
  },
  {
    // An invitee's qualifying order refunded below the threshold (or voided) takes the rewards back.
    name: 'referral.clawback',
    on: ['refund.recorded', 'action.voided'],
    when: reversalOfPurchase,
    run: async (deps, rules, e) => {
      const order = await findOrder(deps.table, text(e, 'orderId'))
      if (order) await clawBackIfDisqualified(deps, rules, { ...order, voided: order.status === 'voided' })
    },
  },
  {
    name: 'member.interaction',
    on: INTERACTIONS,
    run: async (deps, _rules, e) => {
      await noteInteraction(deps.table, e.memberId, e.at)
    },
  },
]

export const reactionsTo = (e: DomainEvent): Reaction[] => reactions.filter((r) => r.on.includes(e.kind) && (r.when?.(e) ?? true))

export function reactionNamed(name: ReactionName): Reaction {
  const r = reactions.find((x) => x.name === name)
  if (!r) throw new Error(`no reaction ${name}`)
  return r
}
