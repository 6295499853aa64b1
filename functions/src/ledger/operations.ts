import type { EntryCode } from '@siyu/shared/schemas/points'
import { expiryMonthFor } from '@siyu/shared/rules/points-expiry'
import { shanghaiMonth } from '@siyu/shared/rules/business-day'
import type { ProgramRules } from '@siyu/shared/rules/program-rules'
import { DomainError } from '../lib/errors'
import { partIf, type Part } from '../lib/transact'
import { EntryItem } from '../entities/entry'
import { idempotentRequest, recordedAnswer, storedAnswer } from '../entities/idempotency'
import { lotIndexDeletePart } from '../entities/lot-index'
import { deferPendingPart, findPendingLot, pendingLotPutNewPart, pendingLotUpdatePart, type PendingLot } from '../entities/pending-lot'
import type { Movement } from './account'
import { post, type LedgerDeps, type PostingResult } from './post'

export type { PendingLot } from '../entities/pending-lot'

/**
 * The ledger's vocabulary for other capabilities. Each is one posting (one transaction),
 * idempotent by its key; `sideParts` let a capability add its own named parts to that transaction.
 */
export interface PostOptions {
  memberId: string
  key: string
  code: EntryCode
  points: number
  ref: string
  note?: string
  /** The capability's own named parts, in the same transaction. */
  sideParts?: Part[]
  /** Extra request fields that must match on replay (e.g. the order amount). */
  payload?: Record<string, unknown>
}

const requirePositive = (points: number) => {
  if (!Number.isSafeInteger(points) || points <= 0) throw new Error(`points must be a positive integer, got ${points}`)
}

/** Credits available points (paying any debt first), in the lot that expires per the rules. */
export function earn(deps: LedgerDeps, rules: ProgramRules, o: PostOptions): Promise<PostingResult | null> {
  requirePositive(o.points)
  const expiryMonth = expiryMonthFor(deps.clock(), rules.points.expiryMonths)
  return post(deps, {
    memberId: o.memberId,
    key: o.key,
    payload: { op: 'earn', code: o.code, points: o.points, ref: o.ref, ...o.payload },
    plan: () => ({ code: o.code, movements: [{ kind: 'earn', points: o.points, expiryMonth }], ref: o.ref, note: o.note, expiryMonth, sideParts: o.sideParts }),
  })
}

/** Spends available points, oldest lots first; `points.insufficient` (409) if they do not cover it. */
export function spend(deps: LedgerDeps, o: PostOptions): Promise<PostingResult | null> {
  requirePositive(o.points)
  return post(deps, {
    memberId: o.memberId,
    key: o.key,
    payload: { op: 'spend', code: o.code, points: o.points, ref: o.ref, ...o.payload },
    plan: () => ({ code: o.code, movements: [{ kind: 'spend', points: o.points }], ref: o.ref, note: o.note, sideParts: o.sideParts }),
  })
}

export async function readPendingLot(deps: LedgerDeps, memberId: string, ref: string): Promise<PendingLot | undefined> {
  return findPendingLot(deps.table, memberId, ref)
}

/**
 * Purchase points: pending for the return window (a pending lot keyed by the order), or
 * available at once when the window is 0 days.
 */
export function earnPurchase(
  deps: LedgerDeps,
  rules: ProgramRules,
  o: {
    memberId: string; orderId: string; points: number; sideParts?: Part[]; payload?: Record<string, unknown>
    /** Other points that wait out the return window like a purchase's (a referral reward, an upgrade gift). */
    code?: Extract<EntryCode, 'purchase' | 'referral_reward' | 'tier_gift'>
    note?: string
    /** When the points activate, if not the end of a return window from now (an upgrade gift waits for its purchase's). */
    activateAt?: string
  },
): Promise<PostingResult | null> {
  // Zero is allowed: a purchase under 1 CNY is still an order (with an entry of 0 points).
  if (!Number.isSafeInteger(o.points) || o.points < 0) throw new Error(`points must be a non-negative integer, got ${o.points}`)
  const now = deps.clock()
  const expiryMonth = expiryMonthFor(now, rules.points.expiryMonths)
  const activateAt = o.activateAt ?? new Date(now.getTime() + rules.points.returnWindowDays * 86_400_000).toISOString()
  // Nothing to wait for without a return window, or without points.
  const immediate = activateAt <= now.toISOString() || o.points === 0
  const lot: PendingLot = {
    memberId: o.memberId, ref: o.orderId, points: o.points, remaining: immediate ? 0 : o.points, reversed: 0,
    status: immediate ? 'activated' : 'pending', activateAt, expiryMonth,
  }
  const movements: Movement[] = o.points === 0 ? [] : [immediate ? { kind: 'earn', points: o.points, expiryMonth } : { kind: 'earn_pending', points: o.points }]
  return post(deps, {
    memberId: o.memberId,
    key: `order:${o.orderId}:earn`,
    payload: { op: 'purchase', points: o.points, ...o.payload },
    plan: () => ({
      code: o.code ?? 'purchase',
      movements,
      ref: o.orderId,
      note: o.note,
      expiryMonth,
      // The caller's parts, then the order's pending lot (taken: the order id is in use).
      sideParts: [...(o.sideParts ?? []), pendingLotPutNewPart(deps.table, lot)],
    }),
  })
}

/** Moves a purchase's remaining pending points to available once its return window has passed. */
export function activatePurchase(deps: LedgerDeps, o: { memberId: string; orderId: string }): Promise<PostingResult | null> {
  return post(deps, {
    memberId: o.memberId,
    key: `order:${o.orderId}:activate`,
    payload: { op: 'activate', orderId: o.orderId },
    plan: async () => {
      const lot = await readPendingLot(deps, o.memberId, o.orderId)
      if (!lot || lot.status !== 'pending' || lot.remaining === 0) return null
      if (lot.activateAt > deps.clock().toISOString()) return null // still inside the return window
      return {
        code: 'purchase_activation',
        movements: [{ kind: 'activate', points: lot.remaining, expiryMonth: lot.expiryMonth }],
        ref: o.orderId,
        expiryMonth: lot.expiryMonth,
        sideParts: [pendingLotUpdatePart(deps.table, lot, { status: 'activated', remaining: 0 }, true)],
      }
    },
  })
}

/**
 * Moves a pending lot's activation later (an upgrade gift whose upgrade must now wait longer),
 * with its due index: a named part (`deferLot:{ref}`) conditioned on the lot as read, so an
 * activation or reversal in between fails the caller's transaction rather than being undone.
 */
export const deferPending = (deps: LedgerDeps, lot: PendingLot, activateAt: string): Part => deferPendingPart(deps.table, lot, activateAt)

/** What a refund decides on fresh data at each attempt: the points to reverse and its own items. */
export interface ReversalDecision {
  points: number
  sideParts?: Part[]
}

/**
 * Reverses (part of) a purchase's points for a refund: voids pending points first, then
 * claws back available points; whatever available cannot cover becomes debt. Never more than
 * the purchase earned. `points` may be a decision made on fresh data at each attempt (a refund
 * reads its order), in which case the computed points are not part of the replay payload.
 */
export function reversePurchase(
  deps: LedgerDeps,
  o: {
    memberId: string; orderId: string; refundId: string; points: number | (() => Promise<ReversalDecision>); sideParts?: Part[]; payload?: Record<string, unknown>
    code?: Extract<EntryCode, 'purchase_reversal' | 'referral_clawback' | 'tier_gift_reversal'>
    note?: string
  },
): Promise<PostingResult | null> {
  if (typeof o.points === 'number') requirePositive(o.points)
  const fixed = o.points
  return post(deps, {
    memberId: o.memberId,
    key: `order:${o.orderId}:refund:${o.refundId}`,
    payload: { op: 'reverse', ...(typeof fixed === 'number' ? { points: fixed } : {}), ...o.payload },
    plan: async () => {
      // The lot first: a decision read after it is at least as new, so a stale lot only fails its condition (and re-plans).
      const lot = await readPendingLot(deps, o.memberId, o.orderId)
      const decision: ReversalDecision = typeof fixed === 'number' ? { points: fixed, sideParts: o.sideParts } : await fixed()
      const points = decision.points
      if (!lot) throw new DomainError('points.reversal_exceeds_earned', '该订单没有可扣回的积分', { orderId: o.orderId })
      if (lot.reversed + points > lot.points) {
        throw new DomainError('points.reversal_exceeds_earned', `扣回积分超过订单所得（剩余可扣回 ${lot.points - lot.reversed}）`, {
          earned: lot.points, reversed: lot.reversed,
        })
      }
      const voided = lot.status === 'pending' ? Math.min(points, lot.remaining) : 0
      const clawed = points - voided
      const remaining = lot.remaining - voided
      const movements: Movement[] = [
        ...(voided > 0 ? [{ kind: 'void_pending', points: voided } as const] : []),
        ...(clawed > 0 ? [{ kind: 'clawback', points: clawed } as const] : []),
      ]
      const settled = lot.status === 'pending' && remaining === 0
      // A refund too small to reverse a point still posts (0 points) so its items land with an entry.
      const lotPart = partIf(points > 0, () => pendingLotUpdatePart(deps.table, lot, { remaining, reversed: lot.reversed + points }, settled))
      return {
        code: o.code ?? 'purchase_reversal',
        movements,
        ref: o.refundId,
        note: o.note ?? `订单 ${o.orderId}`,
        sideParts: [...(decision.sideParts ?? []), ...lotPart],
      }
    },
  })
}

/** The idempotent request of the one expiry entry of a member's lot. */
const expiryRequest = (memberId: string, month: string) => ({ key: `expiry:${memberId}:${month}`, payload: { op: 'expire', month } })

/**
 * The months among `months` that are over for the expiry job: ended by `now` (Shanghai), or
 * already expired by a job whose clock was ahead. Read in the plan: an expiry posted after this
 * read moves the account's version, so the posting re-plans and reads again.
 */
async function endedMonths(deps: LedgerDeps, memberId: string, months: string[]): Promise<string[]> {
  const current = shanghaiMonth(deps.clock())
  const expired = async (m: string) => {
    const { key, payload } = expiryRequest(memberId, m)
    return (await storedAnswer(deps.table, idempotentRequest(key, payload), (a) => a)) !== undefined
  }
  const ended = await Promise.all(months.map(async (m) => m < current || (await expired(m))))
  return months.filter((_, i) => ended[i])
}

/**
 * Undoes a spend (a voided redemption): its points go back to the expiry-month lots its entry
 * recorded, paying any debt first. Points of a month already over come back and expire in the same
 * entry — the expiry job has done that month and would never see them again. An entry from before
 * lots were recorded comes back as a fresh lot, as such voids always did.
 */
export function restoreSpend(
  deps: LedgerDeps,
  rules: ProgramRules,
  o: { memberId: string; spendKey: string; key: string; code: EntryCode; ref: string; note?: string; sideParts?: Part[] },
): Promise<PostingResult | null> {
  return post(deps, {
    memberId: o.memberId,
    key: o.key,
    payload: { op: 'restore', spendKey: o.spendKey, code: o.code, ref: o.ref },
    plan: async () => {
      const spent = await recordedAnswer(deps.table, o.spendKey, (answer) => EntryItem.parse(answer))
      if (!spent || spent.memberId !== o.memberId || spent.points >= 0) throw new Error(`no spend ${o.spendKey} of ${o.memberId} to restore`)
      const lots = spent.lots ?? { [expiryMonthFor(deps.clock(), rules.points.expiryMonths)]: -spent.points }
      const ended = await endedMonths(deps, o.memberId, Object.keys(lots))
      const lapsed = ended.reduce((n, m) => n + lots[m], 0)
      const note = lapsed > 0 ? `${o.note ?? ''}（其中 ${lapsed} 积分所属批次已到期，退回即过期）` : o.note
      return { code: o.code, movements: [{ kind: 'restore', lots, ended }], ref: o.ref, note, sideParts: o.sideParts }
    },
  })
}

/** Expires what is left of one expiry-month lot of a member (rerunnable: one entry per lot). */
export function expireLot(deps: LedgerDeps, o: { memberId: string; month: string }): Promise<PostingResult | null> {
  return post(deps, {
    memberId: o.memberId,
    ...expiryRequest(o.memberId, o.month),
    plan: (account) =>
      (account.lots[o.month] ?? 0) > 0
        ? {
            code: 'expiry',
            movements: [{ kind: 'expire', expiryMonth: o.month }],
            ref: o.month,
            expiryMonth: o.month,
            sideParts: [lotIndexDeletePart(deps.table, o.memberId, o.month)],
          }
        : null,
  })
}
