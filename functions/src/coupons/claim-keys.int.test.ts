import { randomUUID } from 'node:crypto'
import { defaultProgramRules } from '@siyu/shared/rules/program-rules'
import type { CouponTemplateInput } from '@siyu/shared/schemas/coupons'
import { call, tableSnapshot, useIntegrationEnv } from '../../../test/integration'
import { getDeps } from '../lib/deps'
import { randomIds } from '../lib/ids'
import { earn } from '../ledger/operations'
import { getSummary } from '../ledger/queries'
import { setConsents } from '../members/members'
import { handler as authDev } from '../members/handlers/auth-dev'
import { createTemplate } from './templates'
import { claimHandler, exchangeHandler } from './handlers/member-coupons'

useIntegrationEnv()

const rules = defaultProgramRules()
const key = () => `k-${randomUUID()}`

const template = (over: Partial<CouponTemplateInput> = {}): CouponTemplateInput => ({
  title: '每人限 3 张', description: '', benefit: { kind: 'fixed', amountOffFen: 500 }, stores: 'all',
  validity: { type: 'days', days: 7 }, totalStock: 100, perMemberLimit: 3, channel: { type: 'public' }, paused: false, returnOnRefund: true,
  ...over,
})
const newTemplate = (over: Partial<CouponTemplateInput> = {}) =>
  createTemplate({ table: getDeps().table, clock: () => new Date(), ids: randomIds }, template(over), { adminId: 'm_keysadmin', idempotencyKey: key() })

async function shopper(points = 0): Promise<{ memberId: string; token: string }> {
  const { body } = await call(authDev, { body: { openid: `claim-keys-${randomUUID().slice(0, 8)}` } })
  const memberId = body.member.id as string
  await setConsents(getDeps(), memberId, { privacyPolicyVersion: rules.privacy.policyVersion, marketing: false, personalisation: false }, rules)
  if (points) await earn(getDeps(), rules, { memberId, key: `seed:${memberId}`, code: 'adjustment', points, ref: 'seed' })
  return { memberId, token: body.token }
}

const couponsOf = async (memberId: string, templateId: string) =>
  (await tableSnapshot()).filter((i) => i.type === 'coupon' && i.memberId === memberId && i.templateId === templateId)

describe.each([
  ['claim', claimHandler, {}],
  ['exchange', exchangeHandler, { channel: { type: 'points', pricePoints: 10 } }],
] as const)('%s', (op, handler, over) => {
  it('without an Idempotency-Key, or with a malformed one, is 400 and writes nothing', async () => {
    const t = await newTemplate(over as Partial<CouponTemplateInput>)
    const m = await shopper(100)
    const before = await tableSnapshot()
    for (const headers of [{}, { 'idempotency-key': 'bad' }] as Record<string, string>[]) {
      expect(await call(handler, { method: 'POST', token: m.token, params: { id: t.id }, headers })).toMatchObject({ status: 400, body: { error: { code: 'idempotency.key_required' } } })
    }
    expect(await tableSnapshot()).toEqual(before)
  })

  it(`five simultaneous ${op}s with five keys by one member at limit 3: exactly 3 coupons`, async () => {
    const t = await newTemplate(over as Partial<CouponTemplateInput>)
    const m = await shopper(100)
    const answers = await Promise.all(Array.from({ length: 5 }, () => call(handler, { method: 'POST', token: m.token, params: { id: t.id }, headers: { 'idempotency-key': key() } })))
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 409, 409])
    expect(new Set(answers.filter((a) => a.status === 409).map((a) => a.body.error.code))).toEqual(new Set(['coupon.limit_reached']))
    expect(await couponsOf(m.memberId, t.id)).toHaveLength(3)
    if (op === 'exchange') expect((await getSummary(getDeps().table, m.memberId, rules, new Date())).available).toBe(70)
  })

  it(`five simultaneous ${op}s under one key: one coupon, five answers naming it`, async () => {
    const t = await newTemplate(over as Partial<CouponTemplateInput>)
    const m = await shopper(100)
    const headers = { 'idempotency-key': key() }
    const answers = await Promise.all(Array.from({ length: 5 }, () => call(handler, { method: 'POST', token: m.token, params: { id: t.id }, headers })))
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200])
    expect(new Set(answers.map((a) => JSON.stringify(a.body.coupon))).size).toBe(1)
    expect(answers.filter((a) => !a.body.replayed)).toHaveLength(1)
    expect(await couponsOf(m.memberId, t.id)).toHaveLength(1)
    if (op === 'exchange') expect((await getSummary(getDeps().table, m.memberId, rules, new Date())).available).toBe(90)
  })
})
