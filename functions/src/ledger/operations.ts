import type { EntryCode } from '@siyu/shared/schemas/points'
import { expiryMonthFor } from '@siyu/shared/rules/points-expiry'
import { shanghaiDate, shanghaiMonth } from '@siyu/shared/rules/business-day'
import type { ProgramRules } from '@siyu/shared/rules/program-rules'
import { DomainError } from '../lib/errors'
import { keys } from '../lib/keys'
import type { Movement } from './account'
import { post, type LedgerDeps, type PostingPlan, type PostingResult, type TransactItem } from './post'
import type { Part } from '../lib/transact'
import { getItem } from '../lib/db'
import type { EntryItem } from './account-item'

/**
 * The ledger's vocabulary for other capabilities. Each is one posting (one transaction),
 * idempotent by its key; `sideItems` let a capability add its own items to that transaction.
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
  sideItems?: TransactItem[]
  onSideConditionFailed?: PostingPlan['onSideConditionFailed']
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
    plan: () => ({ code: o.code, movements: [{ kind: 'earn', points: o.points, expiryMonth }], ref: o.ref, note: o.note, expiryMonth, sideParts: o.sideParts, sideItems: o.sideItems, onSideConditionFailed: o.onSideConditionFailed }),
  })
}

/** Spends available points, oldest lots first; `points.insufficient` (409) if they do not cover it. */
export function spend(deps: LedgerDeps, o: PostOptions): Promise<PostingResult | null> {
  requirePositive(o.points)
  return post(deps, {
    memberId: o.memberId,
    key: o.key,
    payload: { op: 'spend', code: o.code, points: o.points, ref: o.ref, ...o.payload },
    plan: () => ({ code: o.code, movements: [{ kind: 'spend', points: o.points }], ref: o.ref, note: o.note, sideParts: o.sideParts, sideItems: o.sideItems, onSideConditionFailed: o.onSideConditionFailed }),
  })
}

export interface PendingLot {
  memberId: string
  ref: string
  points: number
  /** Pending points not yet activated or voided. */
  remaining: number
  /** Points reversed so far (voided or clawed back). */
  reversed: number
  status: 'pending' | 'activated'
  activateAt: string
  expiryMonth: string
}

export async function readPendingLot(deps: LedgerDeps, memberId: string, ref: string): Promise<PendingLot | undefined> {
  return getItem<PendingLot>(deps.table, keys.pendingLot(memberId, ref))
}

/** Sets a pending lot's state, conditioned on what the plan read (else the posting re-plans). */
function updateLot(deps: LedgerDeps, lot: PendingLot, set: Partial<PendingLot>, settled: boolean): TransactItem {
  const names = Object.keys(set)
  return {
    Update: {
      TableName: deps.table.name,
      Key: keys.pendingLot(lot.memberId, lot.ref),
      UpdateExpression: `SET ${names.map((n) => `#${n} = :${n}`).join(', ')}${settled ? ' REMOVE gsi1pk, gsi1sk' : ''}`,
      ConditionExpression: '#status = :was_status AND remaining = :was_remaining AND reversed = :was_reversed',
      ExpressionAttributeNames: Object.fromEntries(['status', ...names].map((n) => [`#${n}`, n])),
      ExpressionAttributeValues: {
        ...Object.fromEntries(names.map((n) => [`:${n}`, set[n as keyof PendingLot]])),
        ':was_status': lot.status,
        ':was_remaining': lot.remaining,
        ':was_reversed': lot.reversed,
      },
    },
  }
}

/**
 * Purchase points: pending for the return window (a pending lot keyed by the order), or
 * available at once when the window is 0 days.
 */
export function earnPurchase(
  deps: LedgerDeps,
  rules: ProgramRules,
  o: {
    memberId: string; orderId: string; points: number; sideParts?: Part[]; sideItems?: TransactItem[]; onSideConditionFailed?: PostingPlan['onSideConditionFailed']; payload?: Record<string, unknown>
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
      sideParts: o.sideParts,
      sideItems: [
        {
          Put: {
            TableName: deps.table.name,
            Item: {
              ...keys.pendingLot(o.memberId, o.orderId),
              ...(immediate ? {} : keys.pendingDue(shanghaiDate(new Date(activateAt)), activateAt, o.memberId, o.orderId)),
              type: 'pendingLot',
              ...lot,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        ...(o.sideItems ?? []),
      ],
      // [0] is the order's pending lot (taken: the order id is in use); the caller's items follow.
      onSideConditionFailed: (i) =>
        i === 0 ? new DomainError('idempotency.mismatch', '该订单号已被使用', { orderId: o.orderId }) : (o.onSideConditionFailed?.(i - 1) ?? 'retry'),
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
        sideItems: [updateLot(deps, lot, { status: 'activated', remaining: 0 }, true)],
      }
    },
  })
}

/**
 * Moves a pending lot's activation later (an upgrade gift whose upgrade must now wait longer),
 * with its due index; conditioned on the lot as read, so an activation or reversal in between
 * fails the caller's transaction rather than being undone.
 */
export function deferPendingItem(deps: LedgerDeps, lot: PendingLot, activateAt: string): TransactItem {
  const due = keys.pendingDue(shanghaiDate(new Date(activateAt)), activateAt, lot.memberId, lot.ref)
  return {
    Update: {
      TableName: deps.table.name,
      Key: keys.pendingLot(lot.memberId, lot.ref),
      UpdateExpression: 'SET activateAt = :at, gsi1pk = :pk, gsi1sk = :sk',
      ConditionExpression: '#status = :pending AND remaining = :remaining AND activateAt = :was',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':at': activateAt, ':pk': due.gsi1pk, ':sk': due.gsi1sk, ':pending': 'pending', ':remaining': lot.remaining, ':was': lot.activateAt },
    },
  }
}

/** What a refund decides on fresh data at each attempt: the points to reverse and its own items. */
export interface ReversalDecision {
  points: number
  sideParts?: Part[]
  sideItems?: TransactItem[]
  onSideConditionFailed?: PostingPlan['onSideConditionFailed']
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
    memberId: string; orderId: string; refundId: string; points: number | (() => Promise<ReversalDecision>); sideParts?: Part[]; sideItems?: TransactItem[]; payload?: Record<string, unknown>
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
      const decision: ReversalDecision = typeof fixed === 'number' ? { points: fixed, sideParts: o.sideParts, sideItems: o.sideItems } : await fixed()
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
      const lotItem = points > 0 ? [updateLot(deps, lot, { remaining, reversed: lot.reversed + points }, settled)] : []
      return {
        code: o.code ?? 'purchase_reversal',
        movements,
        ref: o.refundId,
        note: o.note ?? `订单 ${o.orderId}`,
        sideParts: decision.sideParts,
        sideItems: [...lotItem, ...(decision.sideItems ?? [])],
        onSideConditionFailed: (i) => (points > 0 && i === 0 ? 'retry' : (decision.onSideConditionFailed?.(i - lotItem.length) ?? 'retry')),
      }
    },
  })
}

/** The key of the one expiry entry of a member's lot. */
const expiryKey = (memberId: string, month: string) => `expiry:${memberId}:${month}`

/**
 * The months among `months` that are over for the expiry job: ended by `now` (Shanghai), or
 * already expired by a job whose clock was ahead. Read in the plan: an expiry posted after this
 * read moves the account's version, so the posting re-plans and reads again.
 */
async function endedMonths(deps: LedgerDeps, memberId: string, months: string[]): Promise<string[]> {
  const current = shanghaiMonth(deps.clock())
  const ended = await Promise.all(months.map(async (m) => m < current || (await getItem(deps.table, keys.idempotency(expiryKey(memberId, m)))) !== undefined))
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
  o: { memberId: string; spendKey: string; key: string; code: EntryCode; ref: string; note?: string; sideParts?: Part[]; sideItems?: TransactItem[]; onSideConditionFailed?: PostingPlan['onSideConditionFailed'] },
): Promise<PostingResult | null> {
  return post(deps, {
    memberId: o.memberId,
    key: o.key,
    payload: { op: 'restore', spendKey: o.spendKey, code: o.code, ref: o.ref },
    plan: async () => {
      const spent = (await getItem(deps.table, keys.idempotency(o.spendKey)))?.entry as EntryItem | undefined
      if (!spent || spent.memberId !== o.memberId || spent.points >= 0) throw new Error(`no spend ${o.spendKey} of ${o.memberId} to restore`)
      const lots = spent.lots ?? { [expiryMonthFor(deps.clock(), rules.points.expiryMonths)]: -spent.points }
      const ended = await endedMonths(deps, o.memberId, Object.keys(lots))
      const lapsed = ended.reduce((n, m) => n + lots[m], 0)
      const note = lapsed > 0 ? `${o.note ?? ''}（其中 ${lapsed} 积分所属批次已到期，退回即过期）` : o.note
      return { code: o.code, movements: [{ kind: 'restore', lots, ended }], ref: o.ref, note, sideParts: o.sideParts, sideItems: o.sideItems, onSideConditionFailed: o.onSideConditionFailed }
    },
  })
}

/** Expires what is left of one expiry-month lot of a member (rerunnable: one entry per lot). */
export function expireLot(deps: LedgerDeps, o: { memberId: string; month: string }): Promise<PostingResult | null> {
  return post(deps, {
    memberId: o.memberId,
    key: expiryKey(o.memberId, o.month),
    payload: { op: 'expire', month: o.month },
    plan: (account) =>
      (account.lots[o.month] ?? 0) > 0
        ? {
            code: 'expiry',
            movements: [{ kind: 'expire', expiryMonth: o.month }],
            ref: o.month,
            expiryMonth: o.month,
            sideItems: [{ Delete: { TableName: deps.table.name, Key: { pk: keys.lotIndex(o.memberId, o.month).pk, sk: keys.lotIndex(o.memberId, o.month).sk } } }],
          }
        : null,
  })
}
