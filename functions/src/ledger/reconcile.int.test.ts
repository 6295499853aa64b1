import { randomUUID } from 'node:crypto'
import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb'
import { defaultProgramRules } from '@siyu/shared/rules/program-rules'
import { expiryMonthFor } from '@siyu/shared/rules/points-expiry'
import { useIntegrationEnv } from '../../../test/integration'
import { getDeps } from '../lib/deps'
import { keys } from '../lib/keys'
import { earn, earnPurchase, spend } from './operations'
import { reconcile } from './reconcile'

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
