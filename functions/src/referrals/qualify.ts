import { TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb'
import type { ProgramRules } from '@siyu/shared/rules/program-rules'
import { getItem, isConditionFailed } from '../lib/db'
import { keys } from '../lib/keys'
import { earnPurchase, readPendingLot, reversePurchase } from '../ledger/operations'
import type { LedgerDeps } from '../ledger/post'
import { findReferral, rewardRefs, type ReferralItem } from './referral-item'

/**
 * After a purchase: the invitee's first purchase of at least the qualifying amount, within the
 * window after binding, rewards both sides — points pending for the return window, like
 * purchase points, keyed by the invitee so they are granted once. The rewards are posted before
 * the referral is marked qualified, so a crash in between is repaired by the next purchase.
 */
export async function qualifyIfEligible(deps: LedgerDeps, rules: ProgramRules, p: { memberId: string; orderId: string; paidFen: number }): Promise<void> {
  const r = await findReferral(deps.table, p.memberId)
  const now = deps.clock()
  const { qualifyingFen, qualifyWithinDays, referrerPoints, inviteePoints } = rules.referrals
  if (!r || r.status !== 'joined' || p.paidFen < qualifyingFen) return
  if (now.getTime() > new Date(r.boundAt).getTime() + qualifyWithinDays * 86_400_000) return
  if (!r.unrewardedReason) {
    const refs = rewardRefs(r.inviteeId)
    await earnPurchase(deps, rules, { memberId: r.referrerId, orderId: refs.referrer, points: referrerPoints, code: 'referral_reward', payload: { invitee: r.inviteeId } })
    await earnPurchase(deps, rules, { memberId: r.inviteeId, orderId: refs.invitee, points: inviteePoints, code: 'referral_reward', payload: { invitee: r.inviteeId } })
  }
  try {
    await deps.table.db.send(new TransactWriteCommand({
      TransactItems: [
        {
          Update: {
            TableName: deps.table.name, Key: keys.referral(r.inviteeId),
            UpdateExpression: 'SET #status = :qualified, qualifiedAt = :now, qualifyingOrderId = :order',
            ConditionExpression: '#status = :joined', ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':qualified': 'qualified', ':joined': 'joined', ':now': now.toISOString(), ':order': p.orderId },
          },
        },
        statsItem(deps, r.referrerId, 1),
      ],
    }))
  } catch (err) {
    if ((err as Error).name === 'TransactionCanceledException') return // another purchase qualified it first
    throw err
  }
  await grantMilestones(deps, rules, r.referrerId)
}

function statsItem(deps: LedgerDeps, referrerId: string, qualified: number) {
  return {
    Update: {
      TableName: deps.table.name, Key: keys.refStats(referrerId), UpdateExpression: 'SET #type = :type ADD qualified :n',
      ExpressionAttributeNames: { '#type': 'type' }, ExpressionAttributeValues: { ':type': 'refStats', ':n': qualified },
    },
  }
}

/** Each milestone the referrer's qualified invites have reached, once: the check-in boost it gives. */
async function grantMilestones(deps: LedgerDeps, rules: ProgramRules, referrerId: string): Promise<void> {
  const item = await getItem(deps.table, keys.refStats(referrerId))
  const qualified = Number(item?.qualified ?? 0)
  const now = deps.clock()
  for (const m of rules.referrals.milestones.filter((x) => x.qualified <= qualified)) {
    try {
      await deps.table.db.send(new UpdateCommand({
        TableName: deps.table.name, Key: keys.member(referrerId),
        UpdateExpression: 'SET checkinBoost = :boost, milestonesGranted = list_append(if_not_exists(milestonesGranted, :none), :m)',
        ConditionExpression: 'attribute_exists(pk) AND NOT contains(milestonesGranted, :q)',
        ExpressionAttributeValues: {
          ':boost': { multiplier: m.checkinMultiplier, until: new Date(now.getTime() + m.days * 86_400_000).toISOString() },
          ':none': [], ':m': [m.qualified], ':q': m.qualified,
        },
      }))
    } catch (err) {
      if (!isConditionFailed(err)) throw err // granted before: once only
    }
  }
}

/**
 * After a refund or void of an order: if it was the invitee's qualifying purchase and what is
 * left of it is below the qualifying amount, the rewards still inside their return window are
 * clawed back (voided while pending) and the referral is marked clawed back. Released rewards
 * stay: the window has passed.
 */
export async function clawBackIfDisqualified(
  deps: LedgerDeps, rules: ProgramRules, order: { memberId: string; orderId: string; paidFen: number; refundedFen: number; voided: boolean },
): Promise<void> {
  const r: ReferralItem | undefined = await findReferral(deps.table, order.memberId)
  if (!r || r.status !== 'qualified' || r.qualifyingOrderId !== order.orderId) return
  if (!order.voided && order.paidFen - order.refundedFen >= rules.referrals.qualifyingFen) return
  const refs = rewardRefs(r.inviteeId)
  const now = deps.clock().toISOString()
  const lots = await Promise.all([readPendingLot(deps, r.referrerId, refs.referrer), readPendingLot(deps, r.inviteeId, refs.invitee)])
  // Released (or due for release) rewards are kept.
  if (lots.some((lot) => lot && (lot.status !== 'pending' || lot.activateAt <= now))) return
  for (const [memberId, ref, lot] of [[r.referrerId, refs.referrer, lots[0]], [r.inviteeId, refs.invitee, lots[1]]] as const) {
    const left = lot ? lot.points - lot.reversed : 0
    if (left > 0) await reversePurchase(deps, { memberId, orderId: ref, refundId: 'clawback', points: left, code: 'referral_clawback', payload: { order: order.orderId } })
  }
  try {
    await deps.table.db.send(new TransactWriteCommand({
      TransactItems: [
        {
          Update: {
            TableName: deps.table.name, Key: keys.referral(r.inviteeId), UpdateExpression: 'SET #status = :clawed, clawedBackAt = :now',
            ConditionExpression: '#status = :qualified', ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':clawed': 'clawed_back', ':qualified': 'qualified', ':now': now },
          },
        },
        statsItem(deps, r.referrerId, -1),
      ],
    }))
  } catch (err) {
    if ((err as Error).name !== 'TransactionCanceledException') throw err
  }
}
