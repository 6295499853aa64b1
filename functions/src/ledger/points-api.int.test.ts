import { defaultProgramRules } from '@siyu/shared/rules/program-rules'
import { call, tableSnapshot, useIntegrationEnv } from '../../../test/integration'
import { getDeps } from '../lib/deps'
import { loginByOpenid } from '../members/members'
import { setRoles } from '../members/roles'
import { handler as authDev } from '../members/handlers/auth-dev'
import { handler as getPoints } from './handlers/get-points'
import { handler as getHistory } from './handlers/get-points-history'
import { handler as postAdjustment } from './handlers/post-adjustment'
import { handler as getDebtors } from './handlers/get-debtors'
import { activatePurchase, earn, earnPurchase, reversePurchase } from './operations'

useIntegrationEnv()

const rules = defaultProgramRules()
let n = 0

async function login(roles: ('clerk' | 'manager' | 'admin')[] = []) {
  const openid = `points-${Date.now()}-${n++}`
  const { member } = await loginByOpenid(getDeps(), { openid })
  if (roles.length) await setRoles(getDeps().table, member.memberId, { roles, storeId: roles.includes('admin') ? null : 'store-1' }, new Date())
  const token = (await call(authDev, { body: { openid } })).body.token as string
  return { token, memberId: member.memberId }
}

const adjust = (token: string, body: unknown, key?: string) =>
  call(postAdjustment, { token, body, headers: key ? { 'idempotency-key': key } : {} })

describe('GET /v1/me/points and history', () => {
  it('shows an empty account as zeros', async () => {
    const { token } = await login()
    const res = await call(getPoints, { token })
    expect(res).toMatchObject({ status: 200, body: { available: 0, pending: 0, debt: 0, expiringSoon: null, lots: [] } })
  })

  it('pages the history and validates the query', async () => {
    const { token, memberId } = await login()
    for (let i = 0; i < 3; i++) await earn({ table: getDeps().table, clock: () => new Date() }, rules, { memberId, key: `h:${memberId}:${i}`, code: 'checkin', points: 10, ref: `d${i}` })
    const page = await call(getHistory, { token, query: { limit: '2' } })
    expect(page.body.items).toHaveLength(2)
    expect(page.body.items[0]).toMatchObject({ code: 'checkin', points: 10, balanceAfter: 30 })
    const next = await call(getHistory, { token, query: { limit: '2', cursor: page.body.nextCursor } })
    expect(next.body).toMatchObject({ items: [{ balanceAfter: 10 }], nextCursor: null })
    for (const query of <Record<string, string>[]>[{ limit: '0' }, { limit: '101' }, { cursor: 'abc' }, { code: 'bogus' }, { other: '1' }]) {
      expect((await call(getHistory, { token, query })).status).toBe(400)
    }
  })
})

describe('POST /v1/admin/points/adjustments', () => {
  it.each([[[]], [['clerk']]] as const)('refuses roles %j with 403 and writes nothing', async (roles) => {
    const { token, memberId } = await login([...roles])
    const before = await tableSnapshot()
    const res = await adjust(token, { memberId, points: 10, reason: '补发积分' }, 'key-000001')
    expect(res).toMatchObject({ status: 403, body: { error: { code: 'auth.forbidden' } } })
    expect(await tableSnapshot()).toEqual(before)
  })

  it('adjusts with an audit record; a replay returns the original entry; a changed payload is 409', async () => {
    const admin = await login(['admin'])
    const target = await login()
    const body = { memberId: target.memberId, points: 50, reason: '系统故障补偿' }
    const first = await adjust(admin.token, body, 'adjust-0001')
    expect(first).toMatchObject({ status: 200, body: { replayed: false, entry: { code: 'adjustment', points: 50, balanceAfter: 50, note: '系统故障补偿' } } })
    const replay = await adjust(admin.token, body, 'adjust-0001')
    expect(replay.body).toEqual({ ...first.body, replayed: true })
    const before = await tableSnapshot()
    expect((await adjust(admin.token, { ...body, points: 60 }, 'adjust-0001')).body.error.code).toBe('idempotency.mismatch')
    expect(await tableSnapshot()).toEqual(before)
    const audits = before.filter((i) => i.type === 'audit' && i.memberId === target.memberId)
    // An admin's adjustment is in the brand's trail (`AUDIT#{day}`), its reason as the entry's detail.
    expect(audits).toEqual([expect.objectContaining({ pk: expect.stringMatching(/^AUDIT#\d{4}-\d{2}-\d{2}$/), action: 'points.adjust', actorId: admin.memberId, points: 50, detail: '系统故障补偿' })])
    expect((await call(getPoints, { token: target.token })).body.available).toBe(50)
  })

  it.each([
    ['no Idempotency-Key', { points: 10, reason: '补发积分' }, undefined, 400, 'idempotency.key_required'],
    ['a short Idempotency-Key', { points: 10, reason: '补发积分' }, 'abc', 400, 'idempotency.key_required'],
    ['no reason', { points: 10 }, 'adjust-0002', 400, 'request.invalid'],
    ['zero points', { points: 0, reason: '补发积分' }, 'adjust-0003', 400, 'request.invalid'],
    ['fractional points', { points: 1.5, reason: '补发积分' }, 'adjust-0004', 400, 'request.invalid'],
    ['more than the maximum', { points: 100_001, reason: '补发积分' }, 'adjust-0005', 422, 'points.adjustment_too_large'],
    ['a deduction beyond available', { points: -1, reason: '误发扣回' }, 'adjust-0006', 409, 'points.insufficient'],
  ])('refuses %s and writes nothing', async (_label, partial, key, status, code) => {
    const admin = await login(['admin'])
    const target = await login()
    const before = await tableSnapshot()
    const res = await adjust(admin.token, { memberId: target.memberId, ...partial }, key)
    expect(res).toMatchObject({ status, body: { error: { code } } })
    expect(await tableSnapshot()).toEqual(before)
  })

  it('refuses an unknown member with 404 and writes nothing', async () => {
    const admin = await login(['admin'])
    const before = await tableSnapshot()
    const res = await adjust(admin.token, { memberId: 'm_doesnotexist00', points: 5, reason: '补发积分' }, 'adjust-0007')
    expect(res).toMatchObject({ status: 404, body: { error: { code: 'member.not_found' } } })
    expect(await tableSnapshot()).toEqual(before)
  })
})

describe('GET /v1/admin/points/debtors', () => {
  it('lists members whose refund clawed back more than they had, to admins only', async () => {
    const admin = await login(['admin'])
    const member = await login()
    const deps = (iso: string) => ({ table: getDeps().table, clock: () => new Date(iso) })
    await earnPurchase(deps('2026-11-01T00:00:00Z'), rules, { memberId: member.memberId, orderId: `debt-${member.memberId}`, points: 80 })
    await activatePurchase(deps('2026-11-09T00:00:00Z'), { memberId: member.memberId, orderId: `debt-${member.memberId}` })
    expect((await adjust(admin.token, { memberId: member.memberId, points: -50, reason: '兑换礼品' }, `gift-${n}-key`)).status).toBe(200)
    await reversePurchase(deps('2026-11-10T00:00:00Z'), { memberId: member.memberId, orderId: `debt-${member.memberId}`, refundId: 'r', points: 80 })
    expect((await call(getPoints, { token: member.token })).body).toMatchObject({ available: 0, debt: 50 })

    expect((await call(getDebtors, { token: member.token })).status).toBe(403)
    const res = await call(getDebtors, { token: admin.token, query: { limit: '10' } })
    expect(res.status).toBe(200)
    expect(res.body.items).toContainEqual(expect.objectContaining({ member: { id: member.memberId, name: '未设置昵称', phone: null }, debt: 50, available: 0 }))
  })
})
