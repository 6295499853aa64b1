import { randomUUID } from 'node:crypto'
import { GetCommand } from '@aws-sdk/lib-dynamodb'
import { defaultProgramRules } from '@siyu/shared/rules/program-rules'
import type { CouponTemplateInput } from '@siyu/shared/schemas/coupons'
import { useIntegrationEnv } from '../../../test/integration'
import { getDeps } from '../lib/deps'
import type { Table } from '../lib/db'
import { DomainError } from '../lib/errors'
import { randomIds } from '../lib/ids'
import { keys } from '../lib/keys'
import { loginByOpenid } from '../members/members'
import { exchangeCoupon } from '../coupons/claim'
import { createTemplate } from '../coupons/templates'
import { adjustPoints } from './adjustments'
import { earn, spend } from './operations'
import { post, type PostingRequest } from './post'
import { getSummary } from './queries'
import { reconcile } from './reconcile'

useIntegrationEnv()

/**
 * The same request sent several times at once (a POS or a phone retrying) must answer every copy
 * with the first result: a refusal that only holds because another copy already committed is
 * answered as that copy's replay.
 */
const rules = defaultProgramRules()
const NOW = new Date('2026-11-25T02:00:00Z')
const deps = (table: Table = getDeps().table) => ({ table, clock: () => NOW, ids: randomIds })
const member = () => `m_${randomUUID().replace(/-/g, '').slice(0, 20)}`
const COPIES = 5
const TRIALS = 4

async function settle<T>(send: () => Promise<T>): Promise<T[]> {
  const outcomes = await Promise.allSettled(Array.from({ length: COPIES }, send))
  expect(outcomes.filter((o) => o.status === 'rejected').map((o) => (o as PromiseRejectedResult).reason?.code ?? String((o as PromiseRejectedResult).reason))).toEqual([])
  return outcomes.map((o) => (o as PromiseFulfilledResult<T>).value)
}

/** Every answer the same apart from `replayed`, and exactly one of them the first. */
function expectOneOriginal<T extends { replayed: boolean }>(answers: T[]) {
  expect(answers.filter((a) => !a.replayed)).toHaveLength(1)
  const bare = answers.map(({ replayed: _r, ...rest }) => rest)
  for (const a of bare) expect(a).toEqual(bare[0])
}

async function expectNoDrift() {
  expect((await reconcile(getDeps().table)).drifts).toEqual([])
}

/**
 * A table whose first GetCommand on `key` first lets `race` run to the end: another copy of the
 * request commits between this copy's idempotency read and its read of `key`. Deterministic.
 */
function racingTable(key: Record<string, string>, race: () => Promise<unknown>): Table {
  const real = getDeps().table
  let raced = false
  const db = new Proxy(real.db, {
    get(target, prop, receiver) {
      if (prop !== 'send') return Reflect.get(target, prop, receiver)
      return async (command: { input?: { Key?: Record<string, string> } }) => {
        if (!raced && command instanceof GetCommand && command.input.Key?.pk === key.pk && command.input.Key?.sk === key.sk) {
          raced = true
          await race()
        }
        return target.send(command as never)
      }
    },
  })
  return { db, name: real.name }
}

describe('a refusal caused by another copy of the same request is answered as its replay', () => {
  it('a spend at the exact balance: the copy that reads the account after the first committed gets the first entry', async () => {
    const m = member()
    await earn(deps(), rules, { memberId: m, key: `seed:${m}`, code: 'adjustment', points: 40, ref: 'seed' })
    const request = { memberId: m, key: `spend:${m}`, code: 'till_redemption' as const, points: 40, ref: 'o1' }
    let first: unknown
    const table = racingTable(keys.account(m), async () => (first = await spend(deps(), request)))
    const late = await spend(deps(table), request)
    expect(late).toEqual({ ...(first as object), replayed: true })
    expect((await getSummary(getDeps().table, m, rules, NOW)).available).toBe(0)
  })

  it('a refusal decided by the plan on data read after the first copy committed', async () => {
    const m = member()
    await earn(deps(), rules, { memberId: m, key: `seed:${m}`, code: 'adjustment', points: 10, ref: 'seed' })
    const orderKey = { pk: `TEST#${m}`, sk: 'ORDER' }
    // A plan that, like a refund, reads its own record and refuses what that record no longer allows.
    const request = (table: Table): PostingRequest => ({
      memberId: m, key: `refund:${m}`, payload: { op: 'test' },
      plan: async () => {
        const { Item } = await table.db.send(new GetCommand({ TableName: table.name, Key: orderKey, ConsistentRead: true }))
        if (Item) throw new DomainError('till.refund_exceeds_order', '还可退 0.00 元')
        return { code: 'adjustment', movements: [{ kind: 'spend', points: 10 }], ref: 'r', sideParts: [{ name: 'order', item: { Put: { TableName: table.name, Item: orderKey, ConditionExpression: 'attribute_not_exists(pk)' } } }] }
      },
    })
    let first: unknown
    const table = racingTable(orderKey, async () => (first = await post(deps(), request(getDeps().table))))
    const late = await post(deps(table), request(table))
    expect(late).toEqual({ ...(first as object), replayed: true })
  })

  it('but the same key with another payload is still a mismatch, never the other request’s result', async () => {
    const m = member()
    await earn(deps(), rules, { memberId: m, key: `seed:${m}`, code: 'adjustment', points: 40, ref: 'seed' })
    const key = `spend:${m}`
    const table = racingTable(keys.account(m), () => spend(deps(), { memberId: m, key, code: 'till_redemption', points: 40, ref: 'o1' }))
    await expect(spend(deps(table), { memberId: m, key, code: 'till_redemption', points: 40, ref: 'o2' })).rejects.toMatchObject({ code: 'idempotency.mismatch' })
  })
})

describe(`${COPIES} copies at once, ${TRIALS} times: every copy answers the first result`, () => {
  it('a negative adjustment at the exact balance', async () => {
    for (let trial = 0; trial < TRIALS; trial++) {
      const { member: admin } = await loginByOpenid({ ...getDeps(), clock: () => NOW }, { openid: `admin-${randomUUID()}` })
      const { member: shopper } = await loginByOpenid({ ...getDeps(), clock: () => NOW }, { openid: `shopper-${randomUUID()}` })
      const m = shopper.memberId
      await earn(deps(), rules, { memberId: m, key: `seed:${m}`, code: 'adjustment', points: 70, ref: 'seed' })
      const answers = await settle(() =>
        adjustPoints(deps(), rules, { memberId: m as never, points: -70, reason: '误发积分', operator: { memberId: admin.memberId, role: 'admin', storeId: null }, idempotencyKey: `adj-${m}`, requestId: randomUUID() }))
      expectOneOriginal(answers)
      expect((await getSummary(getDeps().table, m, rules, NOW)).available).toBe(0)
    }
    await expectNoDrift()
  })

  it('an exchange at the exact balance (the same Idempotency-Key)', async () => {
    const template: CouponTemplateInput = {
      title: '积分换券', description: '', benefit: { kind: 'fixed', amountOffFen: 500 }, stores: 'all', validity: { type: 'days', days: 7 },
      totalStock: 100, perMemberLimit: 3, channel: { type: 'points', pricePoints: 100 }, paused: false, returnOnRefund: true,
    }
    const t = await createTemplate(deps(), template, { adminId: 'm_admin', idempotencyKey: `tpl-${randomUUID()}` })
    for (let trial = 0; trial < TRIALS; trial++) {
      const m = member()
      await earn(deps(), rules, { memberId: m, key: `seed:${m}`, code: 'adjustment', points: 100, ref: 'seed' })
      const answers = await settle(() => exchangeCoupon(deps(), { memberId: m, templateId: t.id, idempotencyKey: `exchange-${m}` }))
      expectOneOriginal(answers)
      expect((await getSummary(getDeps().table, m, rules, NOW)).available).toBe(0)
    }
    await expectNoDrift()
  })
})
