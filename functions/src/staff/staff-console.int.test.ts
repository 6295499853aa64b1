import { randomUUID } from 'node:crypto'
import { decodeSecret, memberCodeForStep, stepAt } from '@siyu/shared/rules/member-code'
import type { StaffPage } from '@siyu/shared/schemas/console'
import { call, tableSnapshot, useIntegrationEnv, type CallResult } from '../../../test/integration'
import { getDeps } from '../lib/deps'
import { handler as postAdjustment } from '../ledger/handlers/post-adjustment'
import { handler as authDev } from '../members/handlers/auth-dev'
import { handler as removeRole } from '../members/handlers/remove-role'
import { setRoles } from '../members/roles'
import { createStore } from '../stores/stores'
import {
  createInviteHandler, createStoreHandler, disableStaffHandler, listStoresHandler, restoreStaffHandler, updateStoreHandler,
} from './handlers/admin'
import { handler as bindHandler } from './handlers/bind'
import { handler as listStaffHandler } from './handlers/staff-list'
import { purchaseHandler, summaryHandler } from './handlers/till'

useIntegrationEnv()

interface Login { memberId: string; token: string; memberCode: { shortId: string; secret: string; stepSeconds: number } }
type Who = 'admin' | 'manager' | 'otherManager' | 'clerk' | 'member' | 'disabledManager' | 'flaggedManager' | 'demotedAdmin'

async function login(openid = `b2-${randomUUID()}`): Promise<Login> {
  const { body } = await call(authDev, { body: { openid } })
  return { memberId: body.member.id, token: body.token, memberCode: body.memberCode }
}

async function withRoles(roles: ('clerk' | 'manager' | 'admin')[], storeId: string | null): Promise<Login> {
  const openid = `b2-${randomUUID()}`
  const first = await login(openid)
  await setRoles(getDeps().table, first.memberId, { roles, storeId }, new Date())
  return login(openid)
}

const people = {} as Record<Who, Login>
const admin = () => people.admin.token
const codeOf = (l: Login) => memberCodeForStep(l.memberCode.shortId, decodeSecret(l.memberCode.secret), stepAt(new Date(), l.memberCode.stepSeconds))
const items = async (type: string, where: (i: Record<string, unknown>) => boolean = () => true) => (await tableSnapshot()).filter((i) => i.type === type && where(i))
const adjust = (who: Login, body: unknown, key: string) => call(postAdjustment, { token: who.token, body, headers: { 'idempotency-key': key } })

beforeAll(async () => {
  for (const [id, name] of [['store-1', '一店'], ['store-2', '二店']]) await createStore(getDeps().table, { storeId: id, name, city: '上海', createdAt: new Date().toISOString() })
  people.admin = await withRoles(['admin'], null)
  people.manager = await withRoles(['manager'], 'store-1')
  people.otherManager = await withRoles(['manager'], 'store-2')
  people.clerk = await withRoles(['clerk'], 'store-1')
  people.member = await login()
  people.disabledManager = await withRoles(['manager'], 'store-1')
  expect((await call(disableStaffHandler, { token: admin(), params: { memberId: people.disabledManager.memberId } })).status).toBe(200)
  // Holds the manager role in the table but is flagged disabled (a grant after the disable kept the flag).
  people.flaggedManager = await withRoles(['manager'], 'store-1')
  await call(disableStaffHandler, { token: admin(), params: { memberId: people.flaggedManager.memberId } })
  await setRoles(getDeps().table, people.flaggedManager.memberId, { roles: ['manager'], storeId: 'store-1' }, new Date())
  people.demotedAdmin = await withRoles(['admin'], null)
  expect((await call(removeRole, { method: 'DELETE', token: admin(), params: { memberId: people.demotedAdmin.memberId, role: 'admin' } })).status).toBe(200)
})

describe('points adjustment by a manager', () => {
  it('posts with the reason in the manager’s store trail; a retry answers the first entry and writes nothing', async () => {
    const shopper = await login()
    const body = { memberId: shopper.memberId, points: 30, reason: '门店活动补发' }
    const first = await adjust(people.manager, body, 'mgr-adjust-01')
    expect(first).toMatchObject({ status: 200, body: { replayed: false, entry: { code: 'adjustment', points: 30, note: '门店活动补发' } } })
    const audits = await items('audit', (i) => i.memberId === shopper.memberId)
    expect(audits).toEqual([expect.objectContaining({
      pk: expect.stringMatching(/^AUDIT#store-1#\d{4}-\d{2}-\d{2}$/), action: 'points.adjust', storeId: 'store-1', staffId: people.manager.memberId, points: 30, detail: '门店活动补发',
    })])
    const before = await tableSnapshot()
    expect((await adjust(people.manager, body, 'mgr-adjust-01')).body).toEqual({ ...first.body, replayed: true })
    expect(await tableSnapshot()).toEqual(before)
    expect((await adjust(people.manager, { ...body, points: -10 }, 'mgr-adjust-02')).status).toBe(200)
    expect((await items('audit', (i) => i.memberId === shopper.memberId)).map((a) => a.points).sort()).toEqual([-10, 30])
  })

  it('an admin’s adjustment goes to the brand trail; nobody adjusts their own points', async () => {
    const shopper = await login()
    expect((await adjust(people.admin, { memberId: shopper.memberId, points: 5, reason: '品牌补偿' }, 'adm-adjust-01')).status).toBe(200)
    expect(await items('audit', (i) => i.memberId === shopper.memberId)).toEqual([
      expect.objectContaining({ pk: expect.stringMatching(/^AUDIT#\d{4}-\d{2}-\d{2}$/), action: 'points.adjust', actorId: people.admin.memberId, detail: '品牌补偿', auditId: expect.stringMatching(/^points\.adjust:/) }),
    ])
    const before = await tableSnapshot()
    expect(await adjust(people.manager, { memberId: people.manager.memberId, points: 5, reason: '自己加分' }, 'self-adjust-1')).toMatchObject({ status: 403 })
    expect(await tableSnapshot()).toEqual(before)
  })
})

describe('staff rights', () => {
  it('disables and restores with brand audit entries; each repeated is answered as is and writes nothing', async () => {
    const clerk = await withRoles(['clerk'], 'store-1')
    const params = { memberId: clerk.memberId }
    expect(await call(disableStaffHandler, { token: admin(), params })).toMatchObject({ status: 200, body: { roles: ['member'] } })
    expect((await call(summaryHandler, { token: clerk.token })).status).toBe(403)
    let before = await tableSnapshot()
    expect((await call(disableStaffHandler, { token: admin(), params })).status).toBe(200)
    expect(await tableSnapshot()).toEqual(before)

    expect(await call(restoreStaffHandler, { token: admin(), params })).toMatchObject({ status: 200, body: { roles: ['member', 'clerk'], storeId: 'store-1' } })
    expect((await call(summaryHandler, { token: clerk.token })).status).toBe(200)
    before = await tableSnapshot()
    expect(await call(restoreStaffHandler, { token: admin(), params })).toMatchObject({ status: 200, body: { roles: ['member', 'clerk'] } })
    expect(await tableSnapshot()).toEqual(before)
    expect((await items('audit', (i) => i.memberId === clerk.memberId)).map((a) => [a.action, a.actorId, a.storeId])).toEqual([
      ['staff.disable', people.admin.memberId, 'store-1'], ['staff.restore', people.admin.memberId, 'store-1'],
    ])
    expect(await call(restoreStaffHandler, { token: admin(), params: { memberId: people.member.memberId } })).toMatchObject({ status: 404, body: { error: { code: 'member.not_found' } } })
  })

  it('lists staff per store with names; a manager sees their own store only', async () => {
    const all = await call<StaffPage>(listStaffHandler, { token: admin() })
    expect(all.status).toBe(200)
    const row = (p: StaffPage, id: string) => p.items.find((i) => i.person.id === id)
    expect(row(all.body, people.clerk.memberId)).toMatchObject({ role: 'clerk', store: { id: 'store-1', name: '一店' }, disabled: false, person: { name: '未设置昵称' } })
    expect(row(all.body, people.otherManager.memberId)).toMatchObject({ role: 'manager', store: { id: 'store-2', name: '二店' } })
    expect(row(all.body, people.disabledManager.memberId)).toMatchObject({ role: 'manager', disabled: true })
    const two = await call<StaffPage>(listStaffHandler, { token: admin(), query: { storeId: 'store-2' } })
    expect(two.body.items.every((i) => i.store.id === 'store-2')).toBe(true)
    const mine = await call<StaffPage>(listStaffHandler, { token: people.manager.token })
    expect(mine.body.items.length).toBeGreaterThan(2)
    expect(mine.body.items.every((i) => i.store.id === 'store-1')).toBe(true)
    expect((await call(listStaffHandler, { token: people.manager.token, query: { storeId: 'store-1' } })).status).toBe(200)
    // Paged by the server's cursor, one store or every store.
    for (const query of [{ storeId: 'store-1' }, {}] as Record<string, string>[]) {
      const seen: string[] = []
      let cursor: string | null | undefined
      do {
        const page: CallResult<StaffPage> = await call(listStaffHandler, { token: admin(), query: { ...query, limit: '2', ...(cursor ? { cursor } : {}) } })
        seen.push(...page.body.items.map((i) => i.person.id))
        cursor = page.body.nextCursor
      } while (cursor)
      expect(seen.sort()).toEqual((await call<StaffPage>(listStaffHandler, { token: admin(), query })).body.items.map((i) => i.person.id).sort())
    }
    expect((await call(listStaffHandler, { token: admin(), query: { cursor: 'forged' } })).status).toBe(400)
  })

  it('a bind through an invite moves the member to the new store’s list, and the invite is audited', async () => {
    const mover = await withRoles(['clerk'], 'store-1')
    const invite = await call(createInviteHandler, { token: admin(), body: { storeId: 'store-2', role: 'manager' } })
    expect(invite.status).toBe(201)
    expect(await items('audit', (i) => i.auditId === `staff.invite:${invite.body.inviteCode}`)).toEqual([
      expect.objectContaining({ action: 'staff.invite', actorId: people.admin.memberId, storeId: 'store-2', detail: 'manager' }),
    ])
    expect((await call(bindHandler, { token: mover.token, body: { inviteCode: invite.body.inviteCode } })).status).toBe(200)
    const listed = await items('storeStaff', (i) => i.memberId === mover.memberId)
    expect(listed).toEqual([expect.objectContaining({ storeId: 'store-2', role: 'manager', disabled: false })])
  })
})

describe('stores', () => {
  it('creates with an audit; renames and closes with an audit; a retry writes nothing; a closed till refuses sales', async () => {
    const storeId = `s-${randomUUID().slice(0, 8)}`
    expect(await call(createStoreHandler, { token: admin(), body: { storeId, name: '新店', city: '杭州' } })).toMatchObject({ status: 201, body: { open: true } })
    const patch = { name: '西湖店', open: false }
    const res = await call(updateStoreHandler, { method: 'PATCH', token: admin(), params: { storeId }, body: patch })
    expect(res).toMatchObject({ status: 200, body: { storeId, name: '西湖店', city: '杭州', open: false } })
    const before = await tableSnapshot()
    expect((await call(updateStoreHandler, { method: 'PATCH', token: admin(), params: { storeId }, body: patch })).body).toEqual(res.body)
    expect(await tableSnapshot()).toEqual(before)
    expect((await items('audit', (i) => i.storeId === storeId)).map((a) => [a.action, a.detail])).toEqual(expect.arrayContaining([
      ['store.create', '新店（杭州）'], ['store.update', '名称 新店 → 西湖店；状态 营业中 → 已停业'],
    ]))
    expect((await call(listStoresHandler, { token: admin() })).body.items).toContainEqual(expect.objectContaining({ storeId, open: false }))

    const cashier = await withRoles(['clerk'], storeId)
    const sale = () => call(purchaseHandler, { token: cashier.token, body: { memberCode: codeOf(people.member), orderId: `o-${randomUUID().slice(0, 8)}`, amountFen: 1000 } })
    expect(await sale()).toMatchObject({ status: 422, body: { error: { code: 'store.closed' } } })
    expect(await items('tillAction', (i) => i.storeId === storeId)).toEqual([])
    expect((await call(updateStoreHandler, { method: 'PATCH', token: admin(), params: { storeId }, body: { open: true } })).status).toBe(200)
    expect((await sale()).status).toBe(200)
  })

  it('answers an unknown store with 404 and an empty patch with 400, writing nothing', async () => {
    const before = await tableSnapshot()
    expect(await call(updateStoreHandler, { method: 'PATCH', token: admin(), params: { storeId: 'no-such-store' }, body: { name: '无' } })).toMatchObject({ status: 404, body: { error: { code: 'store.not_found' } } })
    expect((await call(updateStoreHandler, { method: 'PATCH', token: admin(), params: { storeId: 'store-1' }, body: {} })).status).toBe(400)
    expect(await tableSnapshot()).toEqual(before)
  })

  it('lists a manager their own store only', async () => {
    const res = await call(listStoresHandler, { token: people.otherManager.token })
    expect(res.body.items.map((s: { storeId: string }) => s.storeId)).toEqual(['store-2'])
  })
})

describe('authorisation', () => {
  type Route = [name: string, run: (w: Login) => Promise<CallResult>, refused: Who[]]
  const notAdmins: Who[] = ['manager', 'otherManager', 'clerk', 'member', 'disabledManager', 'flaggedManager', 'demotedAdmin']
  const notOperators: Who[] = ['clerk', 'member', 'disabledManager', 'flaggedManager', 'demotedAdmin']
  const routes: Route[] = [
    ['restore staff', (w) => call(restoreStaffHandler, { token: w.token, params: { memberId: people.disabledManager.memberId } }), notAdmins],
    ['disable staff', (w) => call(disableStaffHandler, { token: w.token, params: { memberId: people.clerk.memberId } }), notAdmins],
    ['create invite', (w) => call(createInviteHandler, { token: w.token, body: { storeId: 'store-1', role: 'clerk' } }), notAdmins],
    ['create store', (w) => call(createStoreHandler, { token: w.token, body: { storeId: 'hostile-store', name: '店', city: '上海' } }), notAdmins],
    ['update store', (w) => call(updateStoreHandler, { method: 'PATCH', token: w.token, params: { storeId: 'store-1' }, body: { open: false } }), notAdmins],
    ['list staff', (w) => call(listStaffHandler, { token: w.token }), notOperators],
    ['list another store’s staff', (w) => call(listStaffHandler, { token: w.token, query: { storeId: 'store-1' } }), [...notOperators, 'otherManager']],
    ['list stores', (w) => call(listStoresHandler, { token: w.token }), notOperators],
    ['adjust points', (w) => adjust(w, { memberId: people.member.memberId, points: 10, reason: '越权调整' }, `hostile-${randomUUID().slice(0, 8)}`), notOperators],
  ]
  it.each(routes.flatMap(([name, run, refused]) => refused.map((who) => [name, who, run] as const)))('%s refuses %s with 403 and writes nothing', async (_name, who, run) => {
    const before = await tableSnapshot()
    const res = await run(people[who])
    expect(res.status).toBe(403)
    expect(['auth.forbidden', 'staff.disabled']).toContain(res.body.error.code)
    expect(await tableSnapshot()).toEqual(before)
  })
})
