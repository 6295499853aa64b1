import { randomUUID } from 'node:crypto'
import { tableSnapshot, useIntegrationEnv } from '../../../test/integration'
import { useStreamConsumer } from '../../../test/stream'
import { buyAt, refundAt } from '../../../test/till'
import type { Table } from '../lib/db'
import { getDeps, overrideDeps } from '../lib/deps'
import { deadLetterId, findDeadLetter } from '../entities/dead-letter'
import { getSummary, listHistory } from '../ledger/queries'
import { reconcile } from '../ledger/reconcile'
import { getMyInvite } from './queries'
import { findReferral } from './referral-item'
import { settleOwedReferralRewards } from './rewards'
import { bind, crashingTable, D, hookedTable, iso, member, rules, T0 } from './test-fixtures'

// What follows a sale or refund (qualification, rewards, upgrades) runs on the table's stream; the till helpers wait for it.
useStreamConsumer(useIntegrationEnv({ stream: true }))

/** The posting of the invitee's reward: the second of the pair. */
const inviteeRewardPosting = (input: unknown) => JSON.stringify(input).includes('"IDEMP#order:referral-i:')

const pending = async (m: string, at: string) => (await getSummary(getDeps().table, m, rules, new Date(at))).pending
const rewards = async (m: string) => (await listHistory(getDeps().table, m, { limit: 20, code: 'referral_reward' })).items.map((e) => e.points)
const settle = (at: string) => settleOwedReferralRewards({ table: getDeps().table, clock: () => new Date(at) }, rules)

/** Runs `action` (and what the stream's consumer does after it) with every write going through `table`. */
async function through<T>(table: Table, action: () => Promise<T>): Promise<T> {
  const real = getDeps().table
  overrideDeps({ table })
  try {
    return await action()
  } finally {
    overrideDeps({ table: real })
  }
}

/** A bound newcomer whose qualifying 60 元 purchase is followed by a consumer crash between the referrer's reward posting and the invitee's. */
async function crashedBetweenRewards(): Promise<{ referrer: string; invitee: string; orderId: string }> {
  const [referrer, invitee] = [await member(), await member(T0)]
  await bind(invitee, referrer)
  const crashing = crashingTable(inviteeRewardPosting)
  const orderId = `o-${randomUUID().slice(0, 12)}`
  // The sale stands and the clerk sees it recorded; the qualification after it crashes.
  const sale = await through(crashing.table, () => buyAt(invitee, 6000, iso(T0, D), { orderId }))
  expect(sale).toMatchObject({ orderId, points: 60, replayed: false })
  expect(crashing.crashed()).toBe(true)
  expect(await findDeadLetter(getDeps().table, deadLetterId(`purchase.recorded:${sale.actionId}`, 'referral.qualify'))).toMatchObject({ error: 'InjectedCrash: injected crash' })
  // One side paid, one owed: the state a crash leaves.
  expect([await rewards(referrer), await rewards(invitee)]).toEqual([[100], []])
  return { referrer, invitee, orderId }
}

describe('the reward pair is exactly-once (an outbox on the referral)', () => {
  it('a crash between the two postings: the repair pass pays the owed side once, reconcile is clean, a second pass changes nothing', async () => {
    const { referrer, invitee } = await crashedBetweenRewards()
    expect(await findReferral(getDeps().table, invitee)).toMatchObject({ status: 'qualified', owed: new Set(['invitee']) })

    expect(await settle(iso(T0, D + 3_600_000))).toMatchObject({ paid: 1 })
    expect([await rewards(referrer), await rewards(invitee)]).toEqual([[100], [50]])
    expect([await pending(referrer, iso(T0, 2 * D)), await pending(invitee, iso(T0, 2 * D))]).toEqual([100, 60 + 50])
    const settled = await findReferral(getDeps().table, invitee)
    expect(settled?.owed).toBeUndefined()
    expect(settled).not.toHaveProperty('gsi1pk')
    expect((await reconcile(getDeps().table)).drifts).toEqual([])

    const before = await tableSnapshot()
    expect(await settle(iso(T0, D + 7_200_000))).toEqual({ examined: 0, paid: 0 })
    expect(await tableSnapshot()).toEqual(before)
  })

  it('the invitee’s next purchase (any amount) pays what a crash left owed, once', async () => {
    const { referrer, invitee } = await crashedBetweenRewards()
    await buyAt(invitee, 1000, iso(T0, 2 * D))
    await buyAt(invitee, 1000, iso(T0, 3 * D))
    expect([await rewards(referrer), await rewards(invitee)]).toEqual([[100], [50]])
    expect(await pending(invitee, iso(T0, 3 * D))).toBe(60 + 10 + 10 + 50)
    expect(await settle(iso(T0, 3 * D))).toEqual({ examined: 0, paid: 0 })
    expect((await reconcile(getDeps().table)).drifts).toEqual([])
  })

  it('a refund that disqualifies before the repair: the paid side is clawed back, the owed one is never paid', async () => {
    const { referrer, invitee, orderId } = await crashedBetweenRewards()
    await refundAt(orderId, 6000, iso(T0, 2 * D))
    expect(await findReferral(getDeps().table, invitee)).toMatchObject({ status: 'clawed_back' })
    expect(await settle(iso(T0, 2 * D))).toEqual({ examined: 0, paid: 0 })
    expect([await rewards(invitee), await pending(referrer, iso(T0, 2 * D)), await pending(invitee, iso(T0, 2 * D))]).toEqual([[], 0, 0])
    expect((await getMyInvite(getDeps().table, rules, referrer, new Date(iso(T0, 2 * D)))).counts).toMatchObject({ qualified: 0, rewarded: 0, clawedBack: 1 })
    expect((await reconcile(getDeps().table)).drifts).toEqual([])
  })

  it('a refund racing the repair: the side paid while the clawback was deciding is clawed back too', async () => {
    const { referrer, invitee, orderId } = await crashedBetweenRewards()
    // The clawback has read the referral (invitee still owed) when the repair pays the invitee.
    const racing = hookedTable((input) => JSON.stringify(input).includes('clawed_back'), async () => void (await settle(iso(T0, 2 * D))))
    await through(racing.table, () => refundAt(orderId, 6000, iso(T0, 2 * D)))
    expect(racing.hooked()).toBe(true)
    expect([await rewards(referrer), await rewards(invitee)]).toEqual([[100], [50]])
    expect(await findReferral(getDeps().table, invitee)).toMatchObject({ status: 'clawed_back' })
    expect([await pending(referrer, iso(T0, 2 * D)), await pending(invitee, iso(T0, 2 * D))]).toEqual([0, 0])
    expect((await listHistory(getDeps().table, invitee, { limit: 20, code: 'referral_clawback' })).items.map((e) => e.points)).toEqual([-50])
    expect((await reconcile(getDeps().table)).drifts).toEqual([])
  })
})
