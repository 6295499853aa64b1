import { randomUUID } from 'node:crypto'
import { defaultProgramRules, type ProgramRules } from '@siyu/shared/rules/program-rules'
import { tableSnapshot, useIntegrationEnv } from '../../../test/integration'
import { getDeps } from '../lib/deps'
import type { Table } from '../lib/db'
import { activateDuePending, expireDueLots } from './jobs'
import { activatePurchase, earn, earnPurchase, restoreSpend, reversePurchase, spend } from './operations'
import { defaultBackoff, type Backoff } from '../lib/retry'
import { getSummary, listHistory } from './queries'
import { reconcile } from './reconcile'

useIntegrationEnv()

const rules: ProgramRules = defaultProgramRules()
const fastBackoff: Backoff = { ...defaultBackoff, sleep: async () => {} }
const member = () => `m_${randomUUID().replace(/-/g, '').slice(0, 20)}`
const at = (iso: string) => () => new Date(iso)
const deps = (clock = () => new Date(), table: Table = getDeps().table) => ({ table, clock, backoff: defaultBackoff })

async function balance(memberId: string, now = new Date()) {
  return getSummary(getDeps().table, memberId, rules, now)
}

async function expectNoDrift() {
  const report = await reconcile(getDeps().table)
  expect(report.drifts).toEqual([])
}

describe('concurrency and idempotency', () => {
  it('200 concurrent spends of 1 point on 100 available: exactly 100 succeed, never negative', async () => {
    const m = member()
    await earn(deps(), rules, { memberId: m, key: `seed:${m}`, code: 'adjustment', points: 100, ref: 'seed' })
    // Under heavy contention a posting may give up (503 ledger.busy); the caller retries with the
    // same key, as the app does — which must never apply twice.
    const spendUntilAnswered = async (i: number) => {
      for (;;) {
        try {
          return await spend(deps(), { memberId: m, key: `spend:${m}:${i}`, code: 'till_redemption', points: 1, ref: `o${i}` })
        } catch (err) {
          if ((err as { code?: string }).code !== 'ledger.busy') throw err
        }
      }
    }
    const outcomes = await Promise.allSettled(Array.from({ length: 200 }, (_, i) => spendUntilAnswered(i)))
    const ok = outcomes.filter((o) => o.status === 'fulfilled')
    const refused = outcomes.filter((o) => o.status === 'rejected') as PromiseRejectedResult[]
    expect(ok).toHaveLength(100)
    expect(new Set(refused.map((r) => r.reason.code))).toEqual(new Set(['points.insufficient']))
    expect(await balance(m)).toMatchObject({ available: 0, pending: 0, debt: 0 })
    const entries = (await tableSnapshot()).filter((i) => i.type === 'entry' && i.memberId === m && i.code === 'till_redemption')
    expect(entries).toHaveLength(100)
    expect(entries.every((e) => (e.balanceAfter as number) >= 0)).toBe(true)
    await expectNoDrift()
    // 200 optimistic writers on one item serialise: ~15 s alone, minutes when other test files load
    // the same DynamoDB Local, so the budget is generous (correctness, not speed, is tested here).
  }, 400_000)

  it('10,000 replays of one earn, in concurrent batches: one entry, one balance change', async () => {
    const m = member()
    const post = () => earn(deps(), rules, { memberId: m, key: `checkin:${m}:2026-11-25`, code: 'checkin', points: 10, ref: '2026-11-25' })
    const results = []
    for (let batch = 0; batch < 50; batch++) results.push(...(await Promise.all(Array.from({ length: 200 }, post))))
    expect(results).toHaveLength(10_000)
    expect(results.filter((r) => !r!.replayed)).toHaveLength(1)
    expect(new Set(results.map((r) => r!.entry.seq))).toEqual(new Set([1]))
    expect((await balance(m)).available).toBe(10)
    expect((await tableSnapshot()).filter((i) => i.type === 'entry' && i.memberId === m)).toHaveLength(1)
  }, 240_000)

  it('answers the same key with a different payload with 409 idempotency.mismatch and writes nothing', async () => {
    const m = member()
    await earn(deps(), rules, { memberId: m, key: `k:${m}`, code: 'checkin', points: 10, ref: 'a' })
    const before = await tableSnapshot()
    await expect(earn(deps(), rules, { memberId: m, key: `k:${m}`, code: 'checkin', points: 11, ref: 'a' })).rejects.toMatchObject({ code: 'idempotency.mismatch' })
    expect(await tableSnapshot()).toEqual(before)
  })

  it('writes nothing when a spend is refused', async () => {
    const m = member()
    await earn(deps(), rules, { memberId: m, key: `e:${m}`, code: 'checkin', points: 10, ref: 'a' })
    const before = await tableSnapshot()
    await expect(spend(deps(), { memberId: m, key: `s:${m}`, code: 'coupon_exchange', points: 11, ref: 'c' })).rejects.toMatchObject({ code: 'points.insufficient' })
    expect(await tableSnapshot()).toEqual(before)
  })
})

describe('retries on DynamoDB contention (injected failures: DynamoDB Local never conflicts)', () => {
  function flakyTable(failures: number, code = 'TransactionConflict'): { table: Table; attempts: () => number } {
    const real = getDeps().table
    let transacts = 0
    const db = new Proxy(real.db, {
      get(target, prop, receiver) {
        if (prop !== 'send') return Reflect.get(target, prop, receiver)
        return async (command: { constructor: { name: string } }) => {
          if (command.constructor.name === 'TransactWriteCommand' && transacts++ < failures) {
            throw Object.assign(new Error('Transaction cancelled'), { name: 'TransactionCanceledException', CancellationReasons: [{ Code: 'None' }, { Code: code }, { Code: 'None' }] })
          }
          return target.send(command as never)
        }
      },
    })
    return { table: { db, name: real.name }, attempts: () => transacts }
  }

  it('retries a TransactionConflict with backoff and posts once', async () => {
    const m = member()
    const flaky = flakyTable(3)
    const delays: number[] = []
    const backoff = { ...defaultBackoff, sleep: async (ms: number) => void delays.push(ms), random: () => 0.5 }
    const result = await earn({ table: flaky.table, clock: () => new Date(), backoff }, rules, { memberId: m, key: `r:${m}`, code: 'checkin', points: 10, ref: 'x' })
    expect(result?.replayed).toBe(false)
    expect(flaky.attempts()).toBe(4)
    expect(delays).toEqual([2, 4, 8]) // full jitter at 0.5 of 4·2^n ms
    expect((await balance(m)).available).toBe(10)
  })

  it('gives up after the bounded attempts with ledger.busy and nothing written', async () => {
    const m = member()
    const flaky = flakyTable(1_000, 'ThrottlingError')
    const before = await tableSnapshot()
    await expect(
      earn({ table: flaky.table, clock: () => new Date(), backoff: { ...fastBackoff, attempts: 5 } }, rules, { memberId: m, key: `b:${m}`, code: 'checkin', points: 10, ref: 'x' }),
    ).rejects.toMatchObject({ code: 'ledger.busy' })
    expect(flaky.attempts()).toBe(5)
    expect(await tableSnapshot()).toEqual(before)
  })
})

describe('lots, expiry and Shanghai months', () => {
  it('earns into the lot of the Shanghai month: 23:59 UTC on the 30th is already next month in Shanghai', async () => {
    const m = member()
    await earn(deps(at('2026-11-30T15:59:00Z')), rules, { memberId: m, key: `a:${m}`, code: 'checkin', points: 10, ref: 'a' })
    await earn(deps(at('2026-11-30T16:01:00Z')), rules, { memberId: m, key: `b:${m}`, code: 'checkin', points: 20, ref: 'b' })
    expect((await balance(m, new Date('2026-12-01T00:00:00Z'))).lots.map((l) => [l.month, l.points])).toEqual([['2027-11', 10], ['2027-12', 20]])
  })

  it('expires a lot after its month ends in Shanghai, across a year boundary, once, however often the job runs', async () => {
    const m = member()
    await earn(deps(at('2025-12-15T04:00:00Z')), rules, { memberId: m, key: `old:${m}`, code: 'checkin', points: 50, ref: 'old' }) // lot 2026-12
    await earn(deps(at('2026-01-15T04:00:00Z')), rules, { memberId: m, key: `new:${m}`, code: 'checkin', points: 30, ref: 'new' }) // lot 2027-01
    await spend(deps(at('2026-06-01T04:00:00Z')), { memberId: m, key: `sp:${m}`, code: 'coupon_exchange', points: 20, ref: 'c' }) // from 2026-12 first

    // 2026-12-31 15:59 UTC is still 23:59 on the 31st in Shanghai: nothing expires yet.
    await expireDueLots(deps(at('2026-12-31T15:59:00Z')))
    expect((await balance(m)).available).toBe(60)
    for (let run = 0; run < 3; run++) await expireDueLots(deps(at('2026-12-31T16:00:00Z')))
    expect(await balance(m, new Date('2027-01-01T00:00:00Z'))).toMatchObject({ available: 30, lifetime: { expired: 30 }, lots: [{ month: '2027-01', points: 30 }] })
    const expiries = (await tableSnapshot()).filter((i) => i.type === 'entry' && i.memberId === m && i.code === 'expiry')
    expect(expiries).toHaveLength(1)
    expect(expiries[0]).toMatchObject({ points: -30, expiryMonth: '2026-12' })
    await expectNoDrift()
  })

  it('records the lots a spend took; restoring it gives exactly those back, once', async () => {
    const m = member()
    await earn(deps(at('2025-11-10T04:00:00Z')), rules, { memberId: m, key: `a:${m}`, code: 'checkin', points: 20, ref: 'a' }) // lot 2026-11
    await earn(deps(at('2026-05-10T04:00:00Z')), rules, { memberId: m, key: `b:${m}`, code: 'checkin', points: 30, ref: 'b' }) // lot 2027-05
    const spent = await spend(deps(at('2026-11-20T04:00:00Z')), { memberId: m, key: `s:${m}`, code: 'till_redemption', points: 35, ref: 'o1' })
    expect(spent?.entry.lots).toEqual({ '2026-11': 20, '2027-05': 15 })
    const restore = (iso: string) => restoreSpend(deps(at(iso)), rules, { memberId: m, spendKey: `s:${m}`, key: `s:${m}:void`, code: 'till_redemption_void', ref: 'o1' })
    const back = await restore('2026-11-20T04:05:00Z')
    expect(back?.entry).toMatchObject({ points: 35, balanceAfter: 50 })
    expect((await balance(m, new Date('2026-11-20T05:00:00Z'))).lots).toEqual([{ month: '2026-11', points: 20, lastDay: '2026-11-30' }, { month: '2027-05', points: 30, lastDay: '2027-05-31' }])
    expect(await restore('2026-11-20T04:06:00Z')).toMatchObject({ replayed: true })
    await expectNoDrift()
  })

  it('a restore after the expiry job has done a month (its clock ahead of ours) expires that month’s points at once', async () => {
    const m = member()
    await earn(deps(at('2025-11-10T04:00:00Z')), rules, { memberId: m, key: `a:${m}`, code: 'checkin', points: 40, ref: 'a' }) // lot 2026-11
    await earn(deps(at('2026-05-10T04:00:00Z')), rules, { memberId: m, key: `b:${m}`, code: 'checkin', points: 30, ref: 'b' }) // lot 2027-05
    await spend(deps(at('2026-11-30T15:58:00Z')), { memberId: m, key: `s:${m}`, code: 'till_redemption', points: 30, ref: 'o1' })
    await expireDueLots(deps(at('2026-11-30T16:00:00Z'))) // 1 December in Shanghai: the 10 left of 2026-11 expire
    // This host still thinks it is 30 November, yet the month's expiry is posted: the points must not come back spendable.
    const back = await restoreSpend(deps(at('2026-11-30T15:59:59Z')), rules, { memberId: m, spendKey: `s:${m}`, key: `s:${m}:void`, code: 'till_redemption_void', ref: 'o1', note: '撤销' })
    expect(back?.entry).toMatchObject({ points: 0, note: '撤销（其中 30 积分所属批次已到期，退回即过期）' })
    expect(await balance(m, new Date('2026-12-01T00:00:00Z'))).toMatchObject({ available: 30, lots: [{ month: '2027-05', points: 30 }], lifetime: { expired: 40, spent: 0 } })
    await expectNoDrift()
  })

  it('reports the points expiring within 30 days', async () => {
    const m = member()
    await earn(deps(at('2025-11-10T04:00:00Z')), rules, { memberId: m, key: `x:${m}`, code: 'checkin', points: 40, ref: 'x' }) // lot 2026-11
    await earn(deps(at('2026-11-10T04:00:00Z')), rules, { memberId: m, key: `y:${m}`, code: 'checkin', points: 15, ref: 'y' }) // lot 2027-11
    expect((await balance(m, new Date('2026-11-25T00:00:00Z'))).expiringSoon).toEqual({ month: '2026-11', points: 40, lastDay: '2026-11-30' })
    expect((await balance(m, new Date('2026-10-01T00:00:00Z'))).expiringSoon).toBeNull()
  })
})

describe('pending purchase points, refunds and debt', () => {
  it('keeps purchase points pending for the return window, then the job activates them once', async () => {
    const m = member()
    const order = `o-${m}`
    await earnPurchase(deps(at('2026-11-01T02:00:00Z')), rules, { memberId: m, orderId: order, points: 128 })
    expect(await balance(m)).toMatchObject({ available: 0, pending: 128 })
    await expect(spend(deps(), { memberId: m, key: `s:${m}`, code: 'till_redemption', points: 1, ref: 'x' })).rejects.toMatchObject({ code: 'points.insufficient' })

    await activateDuePending(deps(at('2026-11-08T01:59:00Z'))) // 6 d 23 h 59 min: not yet
    expect((await balance(m)).pending).toBe(128)
    for (let run = 0; run < 2; run++) await activateDuePending(deps(at('2026-11-08T02:00:00Z')))
    expect(await balance(m, new Date('2026-11-08T02:00:00Z'))).toMatchObject({ available: 128, pending: 0, lots: [{ month: '2027-11', points: 128 }] })
    expect((await tableSnapshot()).filter((i) => i.memberId === m && i.code === 'purchase_activation')).toHaveLength(1)
    await expectNoDrift()
  })

  it('voids pending points on a refund inside the window; partial refunds sum to the order, never more', async () => {
    const m = member()
    const order = `o-${m}`
    await earnPurchase(deps(), rules, { memberId: m, orderId: order, points: 100 })
    await reversePurchase(deps(), { memberId: m, orderId: order, refundId: 'r1', points: 30 })
    await reversePurchase(deps(), { memberId: m, orderId: order, refundId: 'r2', points: 70 })
    expect(await balance(m)).toMatchObject({ available: 0, pending: 0, debt: 0 })
    const before = await tableSnapshot()
    await expect(reversePurchase(deps(), { memberId: m, orderId: order, refundId: 'r3', points: 1 })).rejects.toMatchObject({ code: 'points.reversal_exceeds_earned' })
    expect(await tableSnapshot()).toEqual(before)
    await activatePurchase(deps(at('2099-01-01T00:00:00Z')), { memberId: m, orderId: order })
    expect((await balance(m)).available).toBe(0) // nothing left to activate
    await expectNoDrift()
  })

  it('claws back after activation; a partly spent purchase leaves debt that the next earn pays first', async () => {
    const m = member()
    const order = `o-${m}`
    await earnPurchase(deps(at('2026-10-01T02:00:00Z')), rules, { memberId: m, orderId: order, points: 200 })
    await activatePurchase(deps(at('2026-10-09T00:00:00Z')), { memberId: m, orderId: order })
    await spend(deps(), { memberId: m, key: `s:${m}`, code: 'coupon_exchange', points: 150, ref: 'c' })
    await reversePurchase(deps(), { memberId: m, orderId: order, refundId: 'r1', points: 200 })
    expect(await balance(m)).toMatchObject({ available: 0, debt: 150, lifetime: { reversed: 200 } })
    const debtor = (await tableSnapshot()).find((i) => i.sk === 'ACCOUNT' && i.memberId === m)
    expect(debtor).toMatchObject({ gsi1pk: 'DEBTORS' })

    await earn(deps(), rules, { memberId: m, key: `c:${m}`, code: 'checkin', points: 100, ref: 'd1' })
    expect(await balance(m)).toMatchObject({ available: 0, debt: 50 })
    await earn(deps(), rules, { memberId: m, key: `c2:${m}`, code: 'checkin', points: 80, ref: 'd2' })
    expect(await balance(m)).toMatchObject({ available: 30, debt: 0 })
    expect((await tableSnapshot()).find((i) => i.sk === 'ACCOUNT' && i.memberId === m)?.gsi1pk).toBeUndefined()
    await expectNoDrift()
  })

  it('a refund racing the activation job is applied exactly once either way', async () => {
    const m = member()
    const order = `o-${m}`
    await earnPurchase(deps(at('2026-11-01T00:00:00Z')), rules, { memberId: m, orderId: order, points: 90 })
    await Promise.all([
      activatePurchase(deps(at('2026-11-09T00:00:00Z')), { memberId: m, orderId: order }),
      reversePurchase(deps(), { memberId: m, orderId: order, refundId: 'r', points: 40 }),
    ])
    expect(await balance(m)).toMatchObject({ available: 50, pending: 0, debt: 0 })
    await expectNoDrift()
  })
})

describe('history', () => {
  it('pages newest first with a cursor and filters by code', async () => {
    const m = member()
    for (let i = 1; i <= 7; i++) await earn(deps(), rules, { memberId: m, key: `c:${m}:${i}`, code: 'checkin', points: i, ref: `d${i}` })
    await spend(deps(), { memberId: m, key: `s:${m}`, code: 'coupon_exchange', points: 5, ref: 'cp' })
    const table = getDeps().table
    const first = await listHistory(table, m, { limit: 3 })
    expect(first.items.map((e) => e.code)).toEqual(['coupon_exchange', 'checkin', 'checkin'])
    expect(first.items[0]).toMatchObject({ points: -5, balanceAfter: 23 })
    const second = await listHistory(table, m, { limit: 3, cursor: first.nextCursor! })
    expect(second.items.map((e) => e.points)).toEqual([5, 4, 3])
    const last = await listHistory(table, m, { limit: 3, cursor: second.nextCursor! })
    expect(last.items.map((e) => e.points)).toEqual([2, 1])
    expect(last.nextCursor).toBeNull()
    const checkins = await listHistory(table, m, { limit: 10, code: 'checkin' })
    expect(checkins.items).toHaveLength(7)
    expect((await listHistory(table, m, { limit: 10, code: 'expiry' })).items).toEqual([])
  })
})
