import { randomUUID } from 'node:crypto'
import { BatchGetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb'
import { defaultProgramRules } from '@siyu/shared/rules/program-rules'
import type { CouponTemplateInput } from '@siyu/shared/schemas/coupons'
import { call, tableSnapshot, useIntegrationEnv } from '../../../test/integration'
import type { Table } from '../lib/db'
import { getDeps } from '../lib/deps'
import { randomIds } from '../lib/ids'
import { earn } from '../ledger/operations'
import { defaultBackoff } from '../lib/retry'
import { getSummary } from '../ledger/queries'
import { setRoles } from '../members/roles'
import { handler as authDev } from '../members/handlers/auth-dev'
import { claimCoupon, exchangeCoupon } from './claim'
import { listClaimable } from './claimable'
import { MAX_OPEN_TEMPLATES, createTemplate, findTemplate, updateTemplate } from './templates'
import { createHandler } from './handlers/admin-templates'

useIntegrationEnv()

const rules = defaultProgramRules()
const NOW = new Date('2026-11-25T02:00:00Z')
const deps = (now = NOW) => ({ table: getDeps().table, clock: () => now, ids: randomIds })
const member = () => `m_${randomUUID().replace(/-/g, '').slice(0, 20)}`
const key = () => `k-${randomUUID()}`
const admin = { adminId: 'm_templateadmin', idempotencyKey: '' }
const create = (input: CouponTemplateInput, now = NOW) => createTemplate(deps(now), input, { ...admin, idempotencyKey: key() })

const template = (over: Partial<CouponTemplateInput> = {}): CouponTemplateInput => ({
  title: `券-${randomUUID().slice(0, 8)}`, description: '', benefit: { kind: 'fixed', amountOffFen: 500 }, stores: 'all',
  validity: { type: 'days', days: 7 }, totalStock: 10, perMemberLimit: 1, channel: { type: 'public' }, paused: false, returnOnRefund: true,
  ...over,
})

describe('creating a template (HTTP)', () => {
  async function adminToken(): Promise<string> {
    const openid = `tpl-admin-${randomUUID().slice(0, 8)}`
    const first = await call(authDev, { body: { openid } })
    await setRoles(getDeps().table, first.body.member.id, { roles: ['admin'], storeId: null }, new Date())
    return (await call(authDev, { body: { openid } })).body.token
  }
  const templates = async () => (await tableSnapshot()).filter((i) => i.type === 'couponTemplate' || i.type === 'couponShard')

  it('needs an Idempotency-Key: without one or with a malformed one it is 400 and nothing is written', async () => {
    const token = await adminToken()
    const before = await tableSnapshot()
    for (const headers of [{}, { 'idempotency-key': 'short' }, { 'idempotency-key': 'has space in it' }] as Record<string, string>[]) {
      expect(await call(createHandler, { token, body: template(), headers })).toMatchObject({ status: 400, body: { error: { code: 'idempotency.key_required' } } })
    }
    expect(await tableSnapshot()).toEqual(before)
  })

  it('answers a retry with the first template (201, same id) and never doubles the stock; another payload under the key is 409', async () => {
    const token = await adminToken()
    const body = template({ totalStock: 40 })
    const headers = { 'idempotency-key': key() }
    const before = (await templates()).length
    const answers = await Promise.all(Array.from({ length: 5 }, () => call(createHandler, { token, body, headers })))
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201])
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1)
    expect(await call(createHandler, { token, body, headers })).toMatchObject({ status: 201, body: { id: answers[0].body.id, totalStock: 40 } })
    // One template and its 20 shards, however many times it was sent.
    expect((await templates()).length - before).toBe(21)
    expect(await call(createHandler, { token, body: { ...body, totalStock: 41 }, headers })).toMatchObject({ status: 409, body: { error: { code: 'idempotency.mismatch' } } })
    // The key is the admin's own: another admin's same key is another template.
    expect((await call(createHandler, { token: await adminToken(), body, headers })).body.id).not.toBe(answers[0].body.id)
  })
})

describe('creating a template under contention', () => {
  it('retries a transaction conflict and still creates exactly one template', async () => {
    const real = getDeps().table
    let transactions = 0
    const send = async (command: unknown) => {
      if (command instanceof TransactWriteCommand && transactions++ === 0) {
        throw Object.assign(new Error('conflict'), { name: 'TransactionCanceledException', CancellationReasons: [{ Code: 'TransactionConflict' }, { Code: 'None' }] })
      }
      return real.db.send(command as never)
    }
    const flaky = { ...deps(), table: { db: { send } as never, name: real.name }, backoff: { ...defaultBackoff, sleep: async () => undefined } }
    const by = { ...admin, idempotencyKey: key() }
    const input = template()
    const created = await createTemplate(flaky, input, by)
    expect(transactions).toBe(2)
    expect((await createTemplate(deps(), input, by)).id).toBe(created.id)
  })
})

describe('the sold-out hint', () => {
  it('is not left behind when the stock is raised between the shard read and the flag write', async () => {
    const t = await create(template({ totalStock: 1 }))
    await claimCoupon(deps(), { memberId: member(), templateId: t.id, idempotencyKey: key() })
    const raceDeps = { ...deps(), hooks: { beforeSoldOutMark: async () => void (await updateTemplate(deps(), t.id, { totalStock: 2 })) } }
    await expect(claimCoupon(raceDeps, { memberId: member(), templateId: t.id, idempotencyKey: key() })).rejects.toMatchObject({ code: 'coupon.sold_out' })
    expect((await findTemplate(getDeps().table, t.id))?.soldOut).toBeUndefined()
    const next = member()
    expect((await listClaimable(getDeps().table, next, NOW)).items.find((i) => i.template.id === t.id)).toMatchObject({ remaining: 1, blocker: null })
    await expect(claimCoupon(deps(), { memberId: next, templateId: t.id, idempotencyKey: key() })).resolves.toMatchObject({ replayed: false })
  })

  it('is not left behind by an exchange racing a stock raise either', async () => {
    const t = await create(template({ totalStock: 1, channel: { type: 'points', pricePoints: 10 } }))
    const [first, second, third] = [member(), member(), member()]
    for (const m of [first, second, third]) await earn(deps(), rules, { memberId: m, key: `seed:${m}`, code: 'adjustment', points: 10, ref: 'seed' })
    await exchangeCoupon(deps(), { memberId: first, templateId: t.id, idempotencyKey: key() })
    const raceDeps = { ...deps(), hooks: { beforeSoldOutMark: async () => void (await updateTemplate(deps(), t.id, { totalStock: 2 })) } }
    await expect(exchangeCoupon(raceDeps, { memberId: second, templateId: t.id, idempotencyKey: key() })).rejects.toMatchObject({ code: 'coupon.sold_out' })
    expect((await getSummary(getDeps().table, second, rules, NOW)).available).toBe(10)
    expect((await findTemplate(getDeps().table, t.id))?.soldOut).toBeUndefined()
    await expect(exchangeCoupon(deps(), { memberId: third, templateId: t.id, idempotencyKey: key() })).resolves.toMatchObject({ replayed: false })
  })

  it('is set when every shard is full and cleared by raising the stock: the template is claimable again', async () => {
    const t = await create(template({ totalStock: 2 }))
    for (let i = 0; i < 2; i++) await claimCoupon(deps(), { memberId: member(), templateId: t.id, idempotencyKey: key() })
    const late = member()
    await expect(claimCoupon(deps(), { memberId: late, templateId: t.id, idempotencyKey: key() })).rejects.toMatchObject({ code: 'coupon.sold_out' })
    expect((await findTemplate(getDeps().table, t.id))?.soldOut).toBe(true)
    await updateTemplate(deps(), t.id, { totalStock: 3 })
    expect((await findTemplate(getDeps().table, t.id))?.soldOut).toBeUndefined()
    expect((await listClaimable(getDeps().table, late, NOW)).items.find((i) => i.template.id === t.id)).toMatchObject({ remaining: 1, blocker: null })
    await expect(claimCoupon(deps(), { memberId: late, templateId: t.id, idempotencyKey: key() })).resolves.toMatchObject({ replayed: false })
  })
})

/** The table, recording what a listing reads: templates from the index, shards and counts by key. */
function recording() {
  const real = getDeps().table
  const read = { templates: new Set<string>(), shards: new Set<string>(), counts: new Set<string>() }
  const send = async (command: unknown) => {
    const out = (await real.db.send(command as never)) as { Items?: Record<string, unknown>[] }
    if (command instanceof QueryCommand) for (const i of out.Items ?? []) if (i.type === 'couponTemplate') read.templates.add(i.id as string)
    if (command instanceof BatchGetCommand) {
      for (const k of Object.values(command.input.RequestItems ?? {}).flatMap((r) => (r.Keys ?? []) as Record<string, string>[])) {
        if (k.sk.startsWith('SHARD#')) read.shards.add(k.pk.slice('COUPONTPL#'.length))
        if (k.sk.startsWith('COUPONCOUNT#')) read.counts.add(k.sk.slice('COUPONCOUNT#'.length))
      }
    }
    return out
  }
  return { table: { db: { send } as never, name: real.name } as Table, read }
}

describe('the coupon center', () => {
  it('reads only templates still on offer: not ended, paused, other channels — nor the shards of sold-out ones', async () => {
    const ago = (seconds: number) => new Date(NOW.getTime() - seconds * 1000)
    const window = (from: string, to: string) => ({ validity: { type: 'window' as const, from, to } })
    const old = await create(template(window('2025-01-01T00:00:00Z', '2025-02-01T00:00:00Z')), new Date('2024-12-01T00:00:00Z'))
    const endedNow = await create(template(window('2026-11-01T00:00:00Z', NOW.toISOString())))
    const paused = await create(template({ paused: true }))
    const gift = await create(template({ channel: { type: 'tier_gift' } }))
    const pausedLater = await create(template())
    await updateTemplate(deps(), pausedLater.id, { paused: true })
    const soldOut = await create(template({ totalStock: 1 }), ago(4))
    await claimCoupon(deps(), { memberId: member(), templateId: soldOut.id, idempotencyKey: key() })
    await expect(claimCoupon(deps(), { memberId: member(), templateId: soldOut.id, idempotencyKey: key() })).rejects.toMatchObject({ code: 'coupon.sold_out' })
    const older = await create(template({ channel: { type: 'points', pricePoints: 100 } }), new Date(NOW.getTime() - 86_400_000))
    const later = await create(template(window('2026-12-01T00:00:00Z', '2026-12-31T00:00:00Z')), ago(3))
    const unpaused = await create(template({ paused: true }), ago(2))
    await updateTemplate(deps(), unpaused.id, { paused: false })
    const open = await create(template(window('2026-11-01T00:00:00Z', '2026-11-25T02:00:00.001Z')), ago(1))

    const { table, read } = recording()
    const { items } = await listClaimable(table, member(), NOW)
    const ids = items.map((i) => i.template.id)
    for (const gone of [old, endedNow, paused, gift, pausedLater]) {
      expect(ids).not.toContain(gone.id)
      expect([read.templates.has(gone.id), read.shards.has(gone.id), read.counts.has(gone.id)]).toEqual([false, false, false])
    }
    expect([read.templates.has(soldOut.id), read.shards.has(soldOut.id)]).toEqual([true, false])
    // Newest first, as before; the center puts sold-out ones last itself.
    expect(ids.filter((id) => [open, unpaused, later, soldOut, older].some((t) => t.id === id))).toEqual([open.id, unpaused.id, later.id, soldOut.id, older.id])
    expect(items.find((i) => i.template.id === soldOut.id)).toMatchObject({ remaining: 0, blocker: 'sold_out' })
    expect(items.find((i) => i.template.id === later.id)).toMatchObject({ blocker: 'not_started' })
    expect(items.find((i) => i.template.id === open.id)).toMatchObject({ blocker: null, remaining: 10 })
  })
})

describe('the coupon center’s bound', () => {
  it(`lists at most ${MAX_OPEN_TEMPLATES} templates, keeping the soonest-ending`, async () => {
    const lasting = await create(template({ totalStock: 1 }))
    const soon = { type: 'window' as const, from: '2026-11-01T00:00:00Z', to: '2026-11-26T00:00:00Z' }
    for (let i = 0; i <= MAX_OPEN_TEMPLATES; i++) await create(template({ totalStock: 1, validity: soon }))
    const { items } = await listClaimable(getDeps().table, member(), NOW)
    expect(items).toHaveLength(MAX_OPEN_TEMPLATES)
    expect(items.map((i) => i.template.id)).not.toContain(lasting.id)
  })
})
