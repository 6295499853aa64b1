import { randomUUID } from 'node:crypto'
import { PutCommand } from '@aws-sdk/lib-dynamodb'
import { addDays } from '@siyu/shared/rules/checkin'
import { shanghaiDate } from '@siyu/shared/rules/business-day'
import { call, tableSnapshot, useIntegrationEnv } from '../../../test/integration'
import { buyAt } from '../../../test/till'
import { getDeps } from '../lib/deps'
import { keys } from '../lib/keys'
import { handler as postAdjustment } from '../ledger/handlers/post-adjustment'
import { handler as removeRole } from '../members/handlers/remove-role'
import { setRoles } from '../members/roles'
import { getHandler as getAdminProgram, putHandler as putAdminProgram } from '../program/handlers/admin-program'
import { createStore } from '../stores/stores'
import { handler as listAudit } from './handlers/list-audit'
import { consolePeople, login, shopper as newShopper, type Login, type Who } from './test-fixtures'

useIntegrationEnv()

const today = shanghaiDate(new Date())
const noonOf = (date: string, hour = 12) => new Date(`${date}T${String(hour).padStart(2, '0')}:00:00+08:00`).toISOString()
let people: Record<Who, Login>
let shopper: { memberId: string }

type Item = Record<string, unknown> & { pk: string; sk: string; at: string }
const dayOf = (i: Item) => i.pk.slice(-10)
const idOf = (i: Item) => String(i.id ?? i.auditId ?? i.sk.slice(i.at.length + 1))
const isBrand = (i: Item) => /^AUDIT#\d{4}-\d{2}-\d{2}$/.test(i.pk)
const storeOf = (i: Item) => (isBrand(i) ? null : i.pk.split('#')[1])
/** The ids the console should list for a selection of the table's audit entries: newest day first, then by sort key. */
async function expected(select: (i: Item) => boolean): Promise<string[]> {
  const items = (await tableSnapshot()).filter((i) => String(i.pk).startsWith('AUDIT#')) as Item[]
  return items.filter(select).sort((a, b) => (dayOf(a) === dayOf(b) ? b.sk.localeCompare(a.sk) : dayOf(b).localeCompare(dayOf(a)))).map(idOf)
}

/** Every page of a query, each at most `limit` long. */
async function pages(token: string, query: Record<string, string>, limit = 3) {
  const items: { id: string }[] = []
  let cursor: string | undefined
  let rounds = 0
  do {
    const res = await call(listAudit, { token, query: { ...query, limit: String(limit), ...(cursor ? { cursor } : {}) } })
    expect(res.status).toBe(200)
    expect(res.body.items.length).toBeLessThanOrEqual(limit)
    items.push(...res.body.items)
    cursor = res.body.nextCursor ?? undefined
  } while (cursor && ++rounds < 200)
  return items
}

const range = { from: addDays(today, -2), to: today }

beforeAll(async () => {
  people = await consolePeople()
  shopper = { memberId: await newShopper('王小明') }
  const clerk = { staffId: people.clerk.memberId, storeId: 'store-1', role: 'clerk' as const }
  const otherManager = { staffId: people.otherManager.memberId, storeId: 'store-2', role: 'manager' as const }
  await buyAt(shopper.memberId, 5000, noonOf(addDays(today, -2)), { staff: clerk })
  await buyAt(shopper.memberId, 8800, noonOf(addDays(today, -1)), { staff: clerk })
  await buyAt(shopper.memberId, 1200, noonOf(addDays(today, -1), 13), { staff: otherManager })
  // An adjustment audited before entries had `detail`: its reason is the detail.
  const { table } = getDeps()
  const legacyAt = noonOf(addDays(today, -1), 10)
  await table.db.send(new PutCommand({ TableName: table.name, Item: {
    ...keys.audit(addDays(today, -1), legacyAt, 'client:old:legacy-adjust'), type: 'audit', action: 'points.adjust', actorId: people.admin.memberId, memberId: shopper.memberId, points: 30, reason: '补录线下消费', requestId: 'r', at: legacyAt,
  } }))
  for (const [who, points, reason] of [['admin', 100, '活动补偿'], ['manager', -20, '重复积分冲正']] as const) {
    const res = await call(postAdjustment, { token: people[who].token, headers: { 'idempotency-key': `adj-${randomUUID()}` }, body: { memberId: shopper.memberId, points, reason } })
    expect(res.status).toBe(200)
  }
  const { version, ...rules } = (await call(getAdminProgram, { token: people.admin.token })).body
  expect((await call(putAdminProgram, { method: 'PUT', token: people.admin.token, body: { baseVersion: version, rules: { ...rules, earning: { pointsPerYuan: 2 } } } })).status).toBe(200)
  const leaving = await login('离职店员')
  await setRoles(table, leaving.memberId, { roles: ['clerk'], storeId: 'store-1' }, new Date())
  expect((await call(removeRole, { method: 'DELETE', token: people.admin.token, params: { memberId: leaving.memberId, role: 'clerk' } })).status).toBe(200)
})

describe('the console audit', () => {
  it('merges the brand trail and every store’s, newest first across days, paged', async () => {
    const listed = await pages(people.admin.token, range)
    expect(listed.map((e) => e.id)).toEqual(await expected(() => true))
    expect(new Set(listed.map((e) => e.id)).size).toBe(listed.length)
  })

  it('names people and stores, labels actions in words and shows reasons', async () => {
    const listed = (await call(listAudit, { token: people.admin.token, query: { ...range, limit: '100' } })).body.items as Record<string, any>[]
    const buy = listed.find((e) => e.action === 'purchase' && e.amountFen === 8800)
    expect(buy).toMatchObject({ kind: 'till', actionLabel: '记录消费', operator: { id: people.clerk.memberId, name: '静安店员' }, store: { id: 'store-1', name: '静安店' }, member: { id: shopper.memberId, name: '王小明' }, orderId: expect.any(String) })
    expect(listed.find((e) => e.action === 'points.adjust' && e.points === 100)).toMatchObject({ kind: 'points', actionLabel: '积分调整', operator: { name: '品牌管理员' }, store: null, detail: '活动补偿' })
    expect(listed.find((e) => e.action === 'points.adjust' && e.points === -20)).toMatchObject({ operator: { name: '静安店长' }, store: { name: '静安店' }, detail: '重复积分冲正' })
    expect(listed.find((e) => e.points === 30)).toMatchObject({ id: 'client:old:legacy-adjust', detail: '补录线下消费' })
    expect(listed.find((e) => e.action === 'rules.publish')).toMatchObject({ kind: 'rules', actionLabel: '发布规则', detail: expect.stringContaining('每消费 1 元积分：1 积分 → 2 积分') })
    expect(listed.find((e) => e.action === 'member.role_remove')).toMatchObject({ kind: 'staff', actionLabel: '移除角色', member: { name: '离职店员' }, detail: '移除角色：店员' })
  })

  it.each([
    ['staff (a store’s operator)', () => ({ staffId: people.clerk.memberId }), (i: Item) => i.staffId === people.clerk.memberId || i.actorId === people.clerk.memberId],
    ['staff (the brand’s operator)', () => ({ staffId: people.admin.memberId }), (i: Item) => i.staffId === people.admin.memberId || i.actorId === people.admin.memberId],
    ['member', () => ({ memberId: shopper.memberId }), (i: Item) => i.memberId === shopper.memberId],
    ['kind till', () => ({ kind: 'till' }), (i: Item) => ['purchase', 'refund', 'redemption', 'void'].includes(String(i.action))],
    ['kind points', () => ({ kind: 'points' }), (i: Item) => String(i.action).startsWith('points.')],
    ['kind staff', () => ({ kind: 'staff' }), (i: Item) => /^(staff|member)\./.test(String(i.action))],
    ['one store (with the brand entries about it)', () => ({ storeId: 'store-1' }), (i: Item) => storeOf(i) === 'store-1' || (isBrand(i) && i.storeId === 'store-1')],
    ['a date range', () => ({ from: addDays(today, -1), to: addDays(today, -1) }), (i: Item) => dayOf(i) === addDays(today, -1)],
  ])('filters by %s', async (_name, query, select) => {
    const ids = await expected(select)
    expect(ids.length).toBeGreaterThan(0)
    expect((await pages(people.admin.token, { ...range, ...query() }, 2)).map((e) => e.id)).toEqual(ids)
  })

  it('shows a manager their store’s trail only; another store is 403', async () => {
    const ids = await expected((i) => storeOf(i) === 'store-1')
    expect((await pages(people.manager.token, range)).map((e) => e.id)).toEqual(ids)
    expect((await pages(people.manager.token, { ...range, storeId: 'store-1' })).map((e) => e.id)).toEqual(ids)
    expect((await pages(people.otherManager.token, range)).map((e) => e.id)).toEqual(await expected((i) => storeOf(i) === 'store-2'))
    expect(await call(listAudit, { token: people.manager.token, query: { ...range, storeId: 'store-2' } })).toMatchObject({ status: 403, body: { error: { code: 'auth.forbidden' } } })
  })

  it.each([
    ['a range over 92 days', { from: addDays(today, -92), to: today }, 'query.from'],
    ['from after to', { from: today, to: addDays(today, -1) }, 'query'],
    ['a garbage cursor', { ...range, cursor: 'not-a-cursor' }, 'query.cursor'],
  ])('refuses %s with 400', async (_name, query, path) => {
    const res = await call(listAudit, { token: people.admin.token, query })
    expect(res).toMatchObject({ status: 400, body: { error: { code: 'request.invalid' } } })
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path)
  })

  it('refuses a cursor issued for another filter, range or caller', async () => {
    const first = await call(listAudit, { token: people.admin.token, query: { ...range, limit: '1' } })
    const cursor = first.body.nextCursor as string
    expect(cursor).toEqual(expect.any(String))
    expect((await call(listAudit, { token: people.admin.token, query: { ...range, limit: '1', cursor } })).status).toBe(200)
    for (const [token, query] of [
      [people.admin.token, { ...range, kind: 'till' }],
      [people.admin.token, { ...range, from: addDays(today, -3) }],
      [people.manager.token, range],
    ] as const) {
      expect((await call(listAudit, { token, query: { ...query, limit: '1', cursor } })).status).toBe(400)
    }
  })

  it.each(['clerk', 'member', 'disabledManager', 'demotedAdmin'] as const)('refuses a %s with 403', async (who) => {
    const res = await call(listAudit, { token: people[who].token, query: range })
    expect(res.status).toBe(403)
    expect(['auth.forbidden', 'staff.disabled']).toContain(res.body.error.code)
  })

  it('bounds the work of one request on a wide, sparse range and resumes where it stopped', async () => {
    for (const id of ['store-3', 'store-4', 'store-5']) await createStore(getDeps().table, { storeId: id, name: `${id} 店`, city: '杭州', createdAt: new Date().toISOString() })
    const wide = { from: addDays(today, -91), to: today }
    const first = await call(listAudit, { token: people.admin.token, query: { ...wide, kind: 'till', limit: '50' } })
    expect(first.status).toBe(200)
    // Six partitions a day: the first request stops before the oldest days with a cursor, whatever it found.
    expect(first.body.nextCursor).toEqual(expect.any(String))
    const all = await pages(people.admin.token, { ...wide, kind: 'till' }, 50)
    expect(all.map((e) => e.id)).toEqual(await expected((i) => ['purchase', 'refund', 'redemption', 'void'].includes(String(i.action))))
  })
})
