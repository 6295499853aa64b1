import { randomUUID } from 'node:crypto'
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb'
import { defaultProgramRules } from '@siyu/shared/rules/program-rules'
import { expiryMonthFor } from '@siyu/shared/rules/points-expiry'
import { useIntegrationEnv } from '../../../test/integration'
import { getDeps } from '../lib/deps'
import { keys } from '../lib/keys'
import { earn, earnPurchase, spend } from './operations'
import { reconcile, reconcilePass } from './reconcile'
import { runReconcileJob } from './reconcile-job'

useIntegrationEnv()

const rules = defaultProgramRules()
const deps = () => ({ table: getDeps().table, clock: () => new Date() })

/** A member with three entries: earn 100, spend 30, a pending purchase of 50. */
async function memberWithHistory(): Promise<string> {
  const m = `m_${randomUUID().replace(/-/g, '').slice(0, 20)}`
  await earn(deps(), rules, { memberId: m, key: `r:${m}:1`, code: 'checkin', points: 100, ref: 'a' })
  await spend(deps(), { memberId: m, key: `r:${m}:2`, code: 'coupon_exchange', points: 30, ref: 'b' })
  await earnPurchase(deps(), rules, { memberId: m, orderId: `o-${m}`, points: 50 })
  return m
}

const driftsOf = async (memberId: string) => (await reconcile(getDeps().table)).drifts.filter((d) => d.memberId === memberId).map((d) => d.problem)

const update = (key: Record<string, string>, expression: string, values: Record<string, unknown>) =>
  getDeps().table.db.send(new UpdateCommand({ TableName: getDeps().table.name, Key: key, UpdateExpression: expression, ExpressionAttributeValues: values }))

describe('reconciliation finds drift', () => {
  it('reports nothing for a healthy ledger', async () => {
    const m = await memberWithHistory()
    await expect(driftsOf(m)).resolves.toEqual([])
  })

  it('an account balance changed without an entry', async () => {
    const m = await memberWithHistory()
    await update(keys.account(m), 'SET available = available + :n', { ':n': 5 })
    const problems = await driftsOf(m)
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(/sum of entries' available 70 != account available 75/)]))
  })

  it('an entry lost (sequence gap and sums off)', async () => {
    const m = await memberWithHistory()
    await getDeps().table.db.send(new DeleteCommand({ TableName: getDeps().table.name, Key: keys.entry(m, 2) }))
    const problems = await driftsOf(m)
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(/entry sequence gap/), expect.stringMatching(/2 entries but account version 3/)]))
  })

  it('expiry buckets that do not add up to available', async () => {
    const m = await memberWithHistory()
    await update(keys.account(m), 'SET lots = :lots', { ':lots': { [expiryMonthFor(new Date(), rules.points.expiryMonths)]: 71 } })
    await expect(driftsOf(m)).resolves.toEqual([expect.stringMatching(/lots sum 71 != available 70/)])
  })

  it('a pending lot that does not match pending points', async () => {
    const m = await memberWithHistory()
    await update(keys.pendingLot(m, `o-${m}`), 'SET remaining = :n', { ':n': 10 })
    await expect(driftsOf(m)).resolves.toEqual([expect.stringMatching(/pending lots hold 10 but account pending is 50/)])
  })
})

describe('reconciliation runs account by account and resumes', () => {
  beforeAll(async () => {
    for (let i = 0; i < 6; i++) await memberWithHistory()
  })

  it('a pass stopped between accounts resumes after the last one checked and covers every account once', async () => {
    const full = await reconcile(getDeps().table)
    let checks = 0
    let pass = await reconcilePass(getDeps().table, { shouldStop: () => checks++ >= 2 })
    const seen = { accounts: pass.accounts, entries: pass.entries }
    expect(pass).toMatchObject({ accounts: 2, resumeFrom: expect.any(Object) })
    while (pass.resumeFrom) {
      checks = 0
      pass = await reconcilePass(getDeps().table, { resumeFrom: pass.resumeFrom, shouldStop: () => checks++ >= 2 })
      seen.accounts += pass.accounts
      seen.entries += pass.entries
    }
    expect(seen).toEqual({ accounts: full.accounts, entries: full.entries })
  })

  it('the scheduled job continues the pass run after run, then waits a day for the next', async () => {
    const full = await reconcile(getDeps().table)
    // Each clock reading is a second later: a run's deadline three seconds on checks about two accounts.
    let t = new Date('2026-11-20T18:40:00Z').getTime()
    const clock = () => new Date((t += 1000))
    const run = () => runReconcileJob({ table: getDeps().table, clock }, { deadline: new Date(t + 3000) })
    const outcomes = []
    for (let i = 0; i < 50; i++) {
      const o = await run()
      outcomes.push(o.status)
      if (o.status === 'done') {
        expect(o).toMatchObject({ accounts: full.accounts, entries: full.entries, drifts: full.drifts.length })
        break
      }
    }
    expect(outcomes.filter((s) => s === 'paused').length).toBeGreaterThan(1)
    expect(outcomes[outcomes.length - 1]).toBe('done')
    expect((await run()).status).toBe('skipped')
    t += 21 * 3_600_000
    expect((await run()).status).not.toBe('skipped')
  })

  it('a run does not walk a pass another run holds; a lapsed lease is taken over', async () => {
    const t0 = new Date('2026-12-10T18:40:00Z').getTime()
    await getDeps().table.db.send(new PutCommand({
      TableName: getDeps().table.name,
      Item: { ...keys.reconcileCheckpoint(), type: 'reconcileCheckpoint', startedAt: new Date(t0).toISOString(), accounts: 0, entries: 0, drifts: 0, leaseUntil: new Date(t0 + 60_000).toISOString(), version: 7 },
    }))
    const at = (ms: number) => ({ table: getDeps().table, clock: () => new Date(t0 + ms) })
    expect(await runReconcileJob(at(30_000), { deadline: new Date(t0 + 10 * 60_000) })).toMatchObject({ status: 'busy' })
    const full = await reconcile(getDeps().table)
    expect(await runReconcileJob(at(61_000), { deadline: new Date(t0 + 10 * 60_000) })).toMatchObject({ status: 'done', accounts: full.accounts })
  })
})
