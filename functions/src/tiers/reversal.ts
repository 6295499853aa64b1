import type { ProgramRules } from '@siyu/shared/rules/program-rules'
import { DomainError } from '../lib/errors'
import { withRetry } from '../lib/retry'
import { partIf, type Part } from '../lib/transact'
import { tierConfirmDeletePart, tierConfirmPutPart } from '../entities/tier-confirm'
import { readPendingLot, reversePurchase, deferPending } from '../ledger/operations'
import type { LedgerDeps } from '../ledger/post'
import { nextReversalStep, type ReversalStep } from './provisional'
import { growthOver, readTier, type Growth, type TierItem } from './tier-state'
import { giftLotRef, growthChecks, sendTierTx, tierChangeParts, tierRetryable, TierMoved } from './tier-writes'

const DAY = 86_400_000

/**
 * After a refund or void of `orderId` (call it after the reversal has committed, and again on its
 * retry): if the order was still inside its own return window at `at`, re-evaluates the member's
 * provisional upgrades from the growth left. Newest first, each upgrade the growth no longer
 * reaches is undone — down to what the growth reaches, never below the tier held before it — in
 * one transaction with the reversal of its gift points (voided while pending) and the drop of its
 * owed coupons. The upgrades left standing then wait a full return window from `at`, since the tier
 * may now rest on purchases still inside theirs. Every step is conditioned on the tier version it
 * was planned from and keyed by it, so retries and concurrent reversals apply each step once.
 */
export async function reevaluateAfterReversal(deps: LedgerDeps, rules: ProgramRules, r: { memberId: string; orderId: string; at?: Date }): Promise<void> {
  const at = r.at ?? deps.clock()
  const lot = await readPendingLot(deps, r.memberId, r.orderId)
  if (!lot || lot.activateAt <= at.toISOString()) return // outside its window: a refund lowers growth, never the tier
  const extendTo = new Date(at.getTime() + rules.points.returnWindowDays * DAY).toISOString()
  // One step per transaction until none is left; a lost race (TierMoved) plans the step again.
  for (let more = true; more; ) more = await withRetry(() => nextStep(deps, rules, r.memberId, r.orderId, extendTo), { backoff: deps.backoff, retryable: tierRetryable })
}

/** Plans and writes the next step from the tier and growth as they are now; false when there is none. */
async function nextStep(deps: LedgerDeps, rules: ProgramRules, memberId: string, orderId: string, extendTo: string): Promise<boolean> {
  const state = await readTier(deps.table, rules, memberId)
  if (!state.item?.provisional?.length) return false
  const growth = await growthOver(deps.table, memberId, deps.clock())
  const step = nextReversalStep(rules, state.item, growth.fen, deps.clock(), extendTo)
  if (!step) return false
  await (step.kind === 'undo' ? undo(deps, state.item, step, growth, orderId) : extend(deps, state.item, step))
  return true
}

/** One upgrade undone (or narrowed): the tier, its log, its confirmation entry and the reversal of its gift points, at once. */
async function undo(deps: LedgerDeps, before: TierItem, step: Extract<ReversalStep, { kind: 'undo' }>, growth: Growth, orderId: string): Promise<void> {
  const { memberId } = before
  const parts: Part[] = [
    ...tierChangeParts(deps.table, before, step.after, { from: before.tier, reason: 'reversal', growthFen: growth.fen, at: deps.clock().toISOString(), orderId }),
    ...growthChecks(deps.table, memberId, growth),
    ...partIf(step.dropped, () => tierConfirmDeletePart(deps.table, memberId, step.upgrade.id)),
  ]
  const points = step.reversed.reduce((sum, g) => sum + g.points, 0)
  if (points === 0) return sendTierTx(deps.table, parts)
  let planned = false
  try {
    // Keyed by the version it changes: of two runs planning this step, the second finds it posted.
    await reversePurchase(deps, {
      memberId, orderId: giftLotRef(memberId, step.upgrade.id), refundId: `v${before.version}`, code: 'tier_gift_reversal', note: `撤销升级礼（订单 ${orderId}）`,
      payload: { tierVersion: before.version },
      points: async () => {
        // A second attempt means the gift lot moved (the tier's own parts report TierMoved): plan again.
        if (planned) throw new TierMoved()
        planned = true
        return { points, sideParts: parts }
      },
    })
  } catch (err) {
    // The lot was reversed by a step planned from a newer version: this plan is stale.
    if (err instanceof DomainError && err.code === 'points.reversal_exceeds_earned') throw new TierMoved()
    throw err
  }
}

/** The standing upgrades wait longer: the tier, their gift lots' activation and their confirmation entries, at once. */
async function extend(deps: LedgerDeps, before: TierItem, step: Extract<ReversalStep, { kind: 'extend' }>): Promise<void> {
  const { memberId } = before
  const { until } = step
  const lots = await Promise.all(step.extended.map((p) => readPendingLot(deps, memberId, giftLotRef(memberId, p.id))))
  const parts: Part[] = [
    ...tierChangeParts(deps.table, before, step.after),
    ...step.extended.map((p) => tierConfirmPutPart(deps.table, memberId, { id: p.id, until })),
    ...lots.flatMap((lot) =>
      lot && lot.status === 'pending' && lot.remaining > 0 && lot.activateAt < until
        ? [{ ...deferPending(deps, lot, until), onConditionFailed: () => new TierMoved() }]
        : []),
  ]
  await sendTierTx(deps.table, parts)
}
