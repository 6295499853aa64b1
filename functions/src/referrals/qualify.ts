import type { ProgramRules } from '@siyu/shared/rules/program-rules'
import { DomainError } from '../lib/errors'
import { withRetry } from '../lib/retry'
import { partIf, transact, TransactionRaced, type Part } from '../lib/transact'
import { referralClawBackPart, referralQualifyPart } from '../entities/referral'
import { refDueDeletePart, refDuePutPart, refStatsPart } from '../entities/referral-counters'
import { referralReviewPutPart } from '../entities/referral-review'
import { findOrder, orderAsReadPart } from '../entities/order'
import { readPendingLot, reversePurchase, type PendingLot } from '../ledger/operations'
import type { LedgerDeps } from '../ledger/post'
import { findReferral, rewardRefs, SIDES, type ReferralItem, type Side } from './referral-item'
import { grantMilestones } from './milestones'
import { settleRewards } from './rewards'

const DAY_MS = 86_400_000

/**
 * After a purchase: the invitee's first purchase of at least the qualifying amount, within the
 * window after binding, qualifies the referral and rewards both sides — points pending for the
 * return window, like purchase points. The amount is the order's as it is now (what is left after
 * refunds; a voided order none), and the qualification is conditioned on the order still being so,
 * so a refund that lands first — or meanwhile — is never outrun by a qualification it should have
 * prevented. The qualification and the rewards owed are one transaction; the rewards are then
 * paid from that outbox (`rewards.ts`). A later purchase of the invitee (or the repair pass) pays
 * whatever a crash left owed.
 */
export async function qualifyIfEligible(deps: LedgerDeps, rules: ProgramRules, p: { memberId: string; orderId: string }): Promise<void> {
  const r = await findReferral(deps.table, p.memberId)
  if (!r) return
  if (r.status === 'qualified' && r.owed?.size) {
    await settleRewards(deps, rules, r)
    await grantMilestones(deps, rules, r.referrerId)
    return
  }
  const now = deps.clock()
  const { qualifyingFen, qualifyWithinDays } = rules.referrals
  if (r.status !== 'joined') return
  if (now.getTime() > new Date(r.boundAt).getTime() + qualifyWithinDays * DAY_MS) return
  const qualified = await withRetry(async () => {
    const order = await findOrder(deps.table, p.orderId)
    if (!order || order.memberId !== p.memberId || order.status !== 'active' || order.paidFen - order.refundedFen < qualifyingFen) return undefined
    const q = qualification(deps, rules, r, p.orderId, now)
    const cancelled = await transact(deps.table, [...q.parts, orderAsReadPart(deps.table, order)])
    // The order changed since it was read: decide again from it.
    if (cancelled?.has('order')) throw new TransactionRaced(cancelled)
    // Cancelled otherwise: another purchase qualified it first (and settles it), or a conflict the next purchase repairs.
    return cancelled ? undefined : q.qualified
  })
  if (!qualified) return
  await settleRewards(deps, rules, qualified)
  await grantMilestones(deps, rules, r.referrerId)
}

/**
 * The referral marked qualified with the rewards it owes (the sides with points, at the points of
 * today's rules), its outbox index entry, the referrer's counts and — for a rewarded invite — the
 * `REFDUE` item that keeps it "pending" on the 邀请 tab until its return window has passed.
 */
function qualification(deps: LedgerDeps, rules: ProgramRules, r: ReferralItem, orderId: string, now: Date) {
  const at = now.toISOString()
  const rewarded = !r.unrewardedReason
  const rewardPoints: Record<Side, number> = { referrer: rules.referrals.referrerPoints, invitee: rules.referrals.inviteePoints }
  const owed = SIDES.filter((s) => rewarded && rewardPoints[s] > 0)
  const rewardDueAt = new Date(now.getTime() + rules.points.returnWindowDays * DAY_MS).toISOString()
  const qualified: ReferralItem = {
    ...r, status: 'qualified', qualifiedAt: at, qualifyingOrderId: orderId, ...(rewarded ? { rewardPoints, rewardDueAt } : {}), ...(owed.length ? { owed: new Set(owed) } : {}),
  }
  const table = deps.table
  const parts: Part<'referral' | 'stats' | 'due'>[] = [
    referralQualifyPart(table, r, { at, orderId, reward: rewarded ? { points: rewardPoints, dueAt: rewardDueAt } : undefined, owed }),
    refStatsPart(table, r.referrerId, rewarded ? { qualified: 1, joined: -1, rewarding: 1 } : { qualified: 1 }),
    ...partIf(rewarded, () => refDuePutPart(table, r.referrerId, rewardDueAt, r.inviteeId)),
  ]
  return { qualified, parts }
}

/**
 * After a refund or void of an order: if it was the invitee's qualifying purchase and what is
 * left of it is below the qualifying amount, the rewards still inside their return window are
 * clawed back (voided while pending), any still owed are no longer owed, and the referral is
 * marked clawed back. Released rewards stay: the window has passed.
 */
export async function clawBackIfDisqualified(
  deps: LedgerDeps, rules: ProgramRules, order: { memberId: string; orderId: string; paidFen: number; refundedFen: number; voided: boolean },
): Promise<void> {
  await withRetry(async () => {
    // The referral before the lots: a side it shows as paid has its lot by the time the lots are read.
    const r = await findReferral(deps.table, order.memberId)
    if (!r || r.status !== 'qualified' || r.qualifyingOrderId !== order.orderId) return
    if (!order.voided && order.paidFen - order.refundedFen >= rules.referrals.qualifyingFen) return
    const refs = rewardRefs(r.inviteeId)
    const lots = await Promise.all([readPendingLot(deps, r.referrerId, refs.referrer), readPendingLot(deps, r.inviteeId, refs.invitee)])
    // Released (or due for release) rewards are kept.
    const now = deps.clock().toISOString()
    if (lots.some((lot) => lot && (lot.status !== 'pending' || lot.activateAt <= now))) return
    await reverseRewardLots(deps, r, lots, order.orderId)
    // Cancelled: a side was paid meanwhile (reverse it too), or another refund clawed it back first.
    const cancelled = await transact(deps.table, clawBackParts(deps, r, now, order.voided ? 'void' : 'refund'))
    if (cancelled) throw new TransactionRaced(cancelled)
  }, { onGiveUp: busy })
}

const busy = async (): Promise<never> => {
  throw new DomainError('ledger.busy', '操作繁忙，请稍后重试')
}

async function reverseRewardLots(deps: LedgerDeps, r: ReferralItem, lots: (PendingLot | undefined)[], orderId: string): Promise<void> {
  const refs = rewardRefs(r.inviteeId)
  for (const [memberId, ref, lot] of [[r.referrerId, refs.referrer, lots[0]], [r.inviteeId, refs.invitee, lots[1]]] as const) {
    const left = lot ? lot.points - lot.reversed : 0
    if (left > 0) await reversePurchase(deps, { memberId, orderId: ref, refundId: 'clawback', points: left, code: 'referral_clawback', payload: { order: orderId } })
  }
}

/**
 * The referral clawed back, conditioned on the sides still owed being those read (nothing paid
 * since); a rewarded one joins the operators' review list with the points its paid sides gave
 * (and the clawback took back), fixed on the referral when it qualified.
 */
function clawBackParts(deps: LedgerDeps, r: ReferralItem, now: string, why: 'refund' | 'void'): Part<'referral' | 'stats' | 'due' | 'review'>[] {
  const table = deps.table
  const rewarded = !r.unrewardedReason
  const takenBack = SIDES.filter((s) => !r.owed?.has(s)).reduce((sum, s) => sum + (r.rewardPoints?.[s] ?? 0), 0)
  return [
    referralClawBackPart(table, r, SIDES, now),
    refStatsPart(table, r.referrerId, rewarded ? { qualified: -1, rewarding: -1, clawedBack: 1 } : { qualified: -1 }),
    ...(rewarded && r.rewardDueAt ? [refDueDeletePart(table, r.referrerId, r.rewardDueAt, r.inviteeId)] : []),
    ...(rewarded ? [referralReviewPutPart(table, { kind: 'clawed_back', inviteeId: r.inviteeId, referrerId: r.referrerId, reason: why, points: takenBack, at: now })] : []),
  ]
}
