import { randomUUID } from 'node:crypto'
import { UpdateCommand } from '@aws-sdk/lib-dynamodb'
import { defaultProgramRules } from '@siyu/shared/rules/program-rules'
import type { AdminCouponTemplate } from '@siyu/shared/schemas/console'
import type { CouponTemplateInput } from '@siyu/shared/schemas/coupons'
import { call, tableSnapshot, useIntegrationEnv } from '../../../test/integration'
import { useStreamConsumer } from '../../../test/stream'
import { getDeps } from '../lib/deps'
import { randomIds } from '../lib/ids'
import { keys } from '../lib/keys'
import type { Session } from '../lib/session'
import { earn } from '../ledger/operations'
import { handler as authDev } from '../members/handlers/auth-dev'
import { setRoles } from '../members/roles'
import { handler as getDebtors } from '../ledger/handlers/get-debtors'
import { claimCoupon, exchangeCoupon, grantCoupon } from './claim'
import { listClaimable } from './claimable'
import { endTemplate, listAdminTemplates } from './console-templates'
import { createTemplate, updateTemplate } from './templates'
import { redeemCoupon, type TillDeps } from './till'
import { updateHandler } from './handlers/admin-templates'
import { endHandler, listHandler } from './handlers/console-templates'

const env = useIntegrationEnv({ stream: true })
const stream = useStreamConsumer(env)
const rules = defaultProgramRules()

const NOW = new Date('2026-06-10T02:00:00.000Z')
const deps = (now = NOW) => ({ table: getDeps().table, clock: () => now, ids: randomIds })
const key = () => `k-${randomUUID()}`
const member = () => `m_${randomUUID().replace(/-/g, '').slice(0, 20)}`

interface Login { memberId: string; token: string }
async function login(openid = `ct-${randomUUID()}`): Promise<Login> {
  const { body } = await call(authDev, { body: { openid } })
  return { memberId: body.member.id, token: body.token }
}
async function staff(roles: ('clerk' | 'manager' | 'admin')[], storeId: string | null): Promise<Login> {
  const openid = `ct-staff-${randomUUID()}`
  const first = await login(openid)
  await setRoles(getDeps().table, first.memberId, { roles, storeId }, new Date())
  return login(openid)
}

type Who = 'member' | 'clerk' | 'manager' | 'admin' | 'disabledManager' | 'demotedAdmin'
const people = {} as Record<Who, Login>
beforeAll(async () => {
  people.member = await login()
  people.clerk = await staff(['clerk'], 'store-1')
  people.manager = await staff(['manager'], 'store-1')
  people.admin = await staff(['admin'], null)
  people.disabledManager = await staff(['manager'], 'store-1')
  await getDeps().table.db.send(new UpdateCommand({
    TableName: env.tableName, Key: keys.member(people.disabledManager.memberId), UpdateExpression: 'SET staffDisabled = :t', ExpressionAttributeValues: { ':t': true },
  }))
  people.demotedAdmin = await staff(['admin'], null)
  await setRoles(getDeps().table, people.demotedAdmin.memberId, { roles: [], storeId: null }, new Date())
})

const session = (l: Login) => ({ memberId: l.memberId, roles: [], storeId: null }) as Session
const actor = () => ({ adminId: people.admin.memberId, requestId: `req-${randomUUID()}` })

const template = (over: Partial<CouponTemplateInput> = {}): CouponTemplateInput => ({
  title: `券-${randomUUID().slice(0, 8)}`, description: '', benefit: { kind: 'fixed', amountOffFen: 500 }, stores: 'all',
  validity: { type: 'days', days: 7 }, totalStock: 10, perMemberLimit: 3, channel: { type: 'public' }, paused: false, returnOnRefund: true,
  ...over,
})
const create = (input: CouponTemplateInput, at = NOW) => createTemplate(deps(at), input, { ...actor(), idempotencyKey: key() })
const claim = (templateId: string, memberId = member(), now = NOW) => claimCoupon({ table: getDeps().table, clock: () => now }, { memberId, templateId, idempotencyKey: key() })
const till = (): TillDeps => ({ table: getDeps().table, clock: () => NOW, requestId: 'req-test', rules: { till: { actionsPerMinute: 10_000 } } })

/** Every page of the console's list (limit 2, by the server's cursor), for `status`. */
async function listAll(status?: 'active' | 'paused' | 'ended', now = NOW): Promise<AdminCouponTemplate[]> {
  const seen: AdminCouponTemplate[] = []
  let cursor: string | undefined
  do {
    const page = await listAdminTemplates({ table: getDeps().table, clock: () => now }, session(people.admin), { status, cursor, limit: 2 })
    expect(page.items.length).toBeLessThanOrEqual(2)
    seen.push(...page.items)
    cursor = page.nextCursor ?? undefined
  } while (cursor)
  return seen
}

const templateAudit = async (id: string) =>
  (await tableSnapshot()).filter((i) => i.type === 'audit' && String(i.auditId).includes(id)).sort((a, b) => String(a.at).localeCompare(String(b.at)))

describe('the console’s template list', () => {
  it('lists every template newest first with stock taken and left, redemptions and status', async () => {
    const at = (minutes: number) => new Date(NOW.getTime() - 60 * 60_000 + minutes * 60_000)
    const active = await create(template({ totalStock: 5 }), at(1))
    const paused = await create(template({ paused: true }), at(2))
    const scheduled = await create(template({ validity: { type: 'window', from: '2026-07-01T00:00:00.000Z', to: '2026-07-31T00:00:00.000Z' } }), at(3))
    const soldOut = await create(template({ totalStock: 1 }), at(4))
    const ended = await create(template(), at(5))
    const [first] = await Promise.all([claim(active.id), claim(active.id), claim(soldOut.id)])
    await redeemCoupon(till(), { staffId: 'm_testclerk', storeId: 'store-1' }, first.coupon.code, `o-${randomUUID().slice(0, 8)}`, 3_000)
    await endTemplate(deps(), session(people.admin), ended.id, 'req-end')
    await stream.settled()

    const mine = new Set([active.id, paused.id, scheduled.id, soldOut.id, ended.id])
    const rows = (await listAll()).filter((r) => mine.has(r.id))
    expect(rows.map((r) => r.id)).toEqual([ended.id, soldOut.id, scheduled.id, paused.id, active.id])
    expect(rows.map((r) => r.status)).toEqual(['ended', 'sold_out', 'scheduled', 'paused', 'active'])
    expect(rows.find((r) => r.id === active.id)).toMatchObject({ taken: 2, left: 3, redeemed: 1, endedAt: null, ruleText: expect.any(String) })
    expect(rows.find((r) => r.id === soldOut.id)).toMatchObject({ taken: 1, left: 0, redeemed: 0 })
    expect(rows.find((r) => r.id === ended.id)).toMatchObject({ taken: 0, left: 10, endedAt: NOW.toISOString() })

    // A status filter: running templates (scheduled and sold out too), paused ones, ended ones.
    const ids = async (s: 'active' | 'paused' | 'ended') => (await listAll(s)).map((r) => r.id).filter((id) => mine.has(id))
    expect(await ids('active')).toEqual([soldOut.id, scheduled.id, active.id])
    expect(await ids('paused')).toEqual([paused.id])
    expect(await ids('ended')).toEqual([ended.id])
    // Once its window is over a template reads as ended.
    expect((await listAll(undefined, new Date('2026-08-01T00:00:00.000Z'))).find((r) => r.id === scheduled.id)?.status).toBe('ended')
  })

  it('refuses a cursor it did not make, and another filter’s cursor', async () => {
    for (let i = 0; i < 3; i++) await create(template())
    const list = (q: { status?: 'ended'; cursor?: string }) => listAdminTemplates({ table: getDeps().table, clock: () => NOW }, session(people.admin), { ...q, limit: 1 })
    const { nextCursor } = await list({})
    expect(nextCursor).toEqual(expect.any(String))
    await expect(list({ cursor: 'Zm9yZ2Vk' })).rejects.toMatchObject({ code: 'request.invalid' })
    await expect(list({ status: 'ended', cursor: nextCursor! })).rejects.toMatchObject({ code: 'request.invalid' })
  })
})

describe('ending a template', () => {
  it('takes it off the coupon center and refuses every later claim, exchange and gift, writing nothing', async () => {
    const pub = await create(template())
    const pts = await create(template({ channel: { type: 'points', pricePoints: 10 } }))
    const gift = await create(template({ channel: { type: 'tier_gift' } }))
    const m = member()
    await earn(deps(), rules, { memberId: m, key: `seed:${m}`, code: 'adjustment', points: 50, ref: 'seed' })
    await claim(pub.id, m)
    for (const t of [pub, pts, gift]) await endTemplate(deps(), session(people.admin), t.id, 'req-end')
    expect((await listClaimable(getDeps().table, m, NOW)).items.map((i) => i.template.id)).not.toEqual(expect.arrayContaining([pub.id]))

    const before = await tableSnapshot()
    await expect(claim(pub.id, m)).rejects.toMatchObject({ code: 'coupon.ended' })
    await expect(exchangeCoupon({ table: getDeps().table, clock: () => NOW }, { memberId: m, templateId: pts.id, idempotencyKey: key() })).rejects.toMatchObject({ code: 'coupon.ended' })
    await expect(grantCoupon({ table: getDeps().table, clock: () => NOW }, { memberId: m, templateId: gift.id, key: `tierup:${m}:1`, channel: 'tier_gift' })).rejects.toMatchObject({ code: 'coupon.ended' })
    await expect(updateTemplate(deps(), pub.id, { paused: true }, actor())).rejects.toMatchObject({ code: 'coupon.ended' })
    expect(await tableSnapshot()).toEqual(before)
  })

  it('refuses a claim that read the template before the end and commits after it, inside the claim’s transaction', async () => {
    const t = await create(template({ totalStock: 4 }))
    const m = member()
    const racing = { table: getDeps().table, clock: () => NOW, hooks: { beforeCommit: async () => void (await endTemplate(deps(), session(people.admin), t.id, 'req-race')) } }
    await expect(claimCoupon(racing, { memberId: m, templateId: t.id, idempotencyKey: key() })).rejects.toMatchObject({ code: 'coupon.ended' })
    const items = await tableSnapshot()
    expect(items.filter((i) => i.type === 'coupon' && i.templateId === t.id)).toEqual([])
    expect(items.filter((i) => i.type === 'couponShard' && i.templateId === t.id).map((s) => s.taken)).toEqual([0, 0, 0, 0])
    expect(items.find((i) => i.pk === keys.couponCount(m, t.id).pk && i.sk === keys.couponCount(m, t.id).sk)).toBeUndefined()
  })

  it('answers an ended template unchanged when ended again, audited once', async () => {
    const t = await create(template())
    const first = await endTemplate(deps(), session(people.admin), t.id, 'req-1')
    const again = await endTemplate(deps(new Date(NOW.getTime() + 60_000)), session(people.admin), t.id, 'req-2')
    expect(again).toEqual(first)
    expect(first).toMatchObject({ status: 'ended', endedAt: NOW.toISOString() })
    expect((await templateAudit(t.id)).map((a) => a.action)).toEqual(['template.create', 'template.end'])
  })
})

describe('template writes in the brand audit', () => {
  it('records creation, each edit with what changed, and the end — an edit that changes nothing writes nothing', async () => {
    const t = await create(template({ title: '春季满减', totalStock: 10 }))
    const by = actor()
    await updateTemplate(deps(new Date(NOW.getTime() + 1_000)), t.id, { paused: true }, by)
    await updateTemplate(deps(new Date(NOW.getTime() + 2_000)), t.id, { paused: true }, by) // a retry: nothing changes
    await updateTemplate(deps(new Date(NOW.getTime() + 3_000)), t.id, { paused: false, totalStock: 25 }, by)
    await endTemplate(deps(new Date(NOW.getTime() + 4_000)), session(people.admin), t.id, 'req-end')
    const audit = await templateAudit(t.id)
    expect(audit.map((a) => [a.action, a.detail, a.actorId])).toEqual([
      ['template.create', '春季满减：库存 10', people.admin.memberId],
      ['template.update', '春季满减：暂停发放', people.admin.memberId],
      ['template.update', '春季满减：恢复发放，库存 10 → 25', people.admin.memberId],
      ['template.end', '春季满减：结束发放', people.admin.memberId],
    ])
    expect(audit[1].requestId).toBe(by.requestId)
  })
})

describe('the console’s template routes over HTTP', () => {
  it('let an admin list, edit and end (a second end answers the same), and 404 an unknown template', async () => {
    const t = await create(template())
    const token = people.admin.token
    expect(await call(listHandler, { token, query: { limit: '50' } })).toMatchObject({ status: 200, body: { items: expect.any(Array) } })
    expect(await call(updateHandler, { method: 'PATCH', token, params: { id: t.id }, body: { totalStock: 12 } })).toMatchObject({ status: 200, body: { totalStock: 12 } })
    const ended = await call(endHandler, { method: 'POST', token, params: { id: t.id } })
    expect(ended).toMatchObject({ status: 200, body: { id: t.id, status: 'ended', totalStock: 12 } })
    expect(await call(endHandler, { method: 'POST', token, params: { id: t.id } })).toMatchObject({ status: 200, body: { endedAt: ended.body.endedAt } })
    expect(await call(updateHandler, { method: 'PATCH', token, params: { id: t.id }, body: { paused: true } })).toMatchObject({ status: 422, body: { error: { code: 'coupon.ended' } } })
    expect(await call(endHandler, { method: 'POST', token, params: { id: 'ct_doesnotexist00' } })).toMatchObject({ status: 404, body: { error: { code: 'coupon.template_not_found' } } })
    expect((await call(listHandler, { token, query: { status: 'nope' } })).status).toBe(400)
  })

  it.each(['member', 'clerk', 'manager', 'disabledManager', 'demotedAdmin'] as const)('refuse a %s (403) and write nothing', async (who) => {
    const t = await create(template())
    const before = await tableSnapshot()
    const token = people[who].token
    expect((await call(listHandler, { token })).status).toBe(403)
    expect((await call(endHandler, { method: 'POST', token, params: { id: t.id } })).status).toBe(403)
    expect((await call(getDebtors, { token })).status).toBe(403)
    expect(await tableSnapshot()).toEqual(before)
  })
})
