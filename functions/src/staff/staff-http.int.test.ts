import { randomUUID } from 'node:crypto'
import { decodeSecret, memberCodeForStep, stepAt } from '@siyu/shared/rules/member-code'
import { StaffInviteRequest } from '@siyu/shared/schemas/staff'
import { call, tableSnapshot, useIntegrationEnv, type CallResult } from '../../../test/integration'
import { getDeps, overrideDeps, resetDeps } from '../lib/deps'
import { setRoles } from '../members/roles'
import { handler as authDev } from '../members/handlers/auth-dev'
import { handler as removeRoleHandler } from '../members/handlers/remove-role'
import { handler as verifyCode } from '../member-code/handlers/verify-member-code'
import { holdHandler } from '../coupons/handlers/till'
import { createStore } from '../stores/stores'
import { bindInvite, createInvite } from './invites'
import { createInviteHandler, createStoreHandler, disableStaffHandler, listStoresHandler } from './handlers/admin'
import { handler as bindHandler } from './handlers/bind'
import { auditHandler, purchaseHandler, redemptionHandler, refundHandler, summaryHandler, voidHandler } from './handlers/till'

useIntegrationEnv()

type Who = 'member' | 'clerk' | 'manager' | 'admin' | 'disabled' | 'otherClerk' | 'demotedAdmin'
interface Login { memberId: string; token: string; memberCode: { shortId: string; secret: string; stepSeconds: number } }

async function login(openid = `http-${randomUUID()}`): Promise<Login> {
  const { body } = await call(authDev, { body: { openid } })
  return { memberId: body.member.id, token: body.token, memberCode: body.memberCode }
}

async function staff(roles: ('clerk' | 'manager' | 'admin')[], storeId: string | null): Promise<Login> {
  const openid = `staff-${randomUUID()}`
  const first = await login(openid)
  await setRoles(getDeps().table, first.memberId, { roles, storeId }, new Date())
  return login(openid)
}

/** The shopper's code as their app shows it now. */
const codeOf = (l: Login) => memberCodeForStep(l.memberCode.shortId, decodeSecret(l.memberCode.secret), stepAt(new Date(), l.memberCode.stepSeconds))

const people = {} as Record<Who, Login>

beforeAll(async () => {
  for (const [id, name] of [['store-1', '一店'], ['store-2', '二店']]) await createStore(getDeps().table, { storeId: id, name, city: '上海', createdAt: new Date().toISOString() })
  people.member = await login()
  people.clerk = await staff(['clerk'], 'store-1')
  people.manager = await staff(['manager'], 'store-1')
  people.admin = await staff(['admin'], null)
  people.otherClerk = await staff(['clerk'], 'store-2')
  people.disabled = await staff(['clerk'], 'store-1')
  // Disabled after its token was issued: the token still says clerk.
  expect((await call(disableStaffHandler, { token: people.admin.token, params: { memberId: people.disabled.memberId } })).status).toBe(200)
  // Likewise an admin whose admin role was removed: the token still says admin.
  people.demotedAdmin = await staff(['admin'], null)
  expect((await call(removeRoleHandler, { method: 'DELETE', token: people.admin.token, params: { memberId: people.demotedAdmin.memberId, role: 'admin' } })).status).toBe(200)
})

const order = () => `h-${randomUUID().slice(0, 12)}`
/** A purchase at store-1 by the clerk, for refunds and voids to refer to. */
async function store1Purchase(): Promise<{ orderId: string; actionId: string }> {
  const shopper = await login()
  const res = await call(purchaseHandler, { token: people.clerk.token, body: { memberCode: codeOf(shopper), orderId: order(), amountFen: 5000 } })
  expect(res.status).toBe(200)
  return res.body
}

type Case = [name: string, run: (who: Login) => Promise<CallResult>, allowed: Partial<Record<Who, number>>]
const NOBODY_ELSE = 403

const cases: Case[] = [
  ['create store', (w) => call(createStoreHandler, { token: w.token, body: { storeId: `s-${randomUUID().slice(0, 8)}`, name: '新店', city: '杭州' } }), { admin: 201 }],
  ['list stores', (w) => call(listStoresHandler, { token: w.token }), { admin: 200, manager: 200 }],
  ['create staff invite', (w) => call(createInviteHandler, { token: w.token, body: { storeId: 'store-1', role: 'clerk' } }), { admin: 201 }],
  ['disable staff', async (w) => call(disableStaffHandler, { token: w.token, params: { memberId: (await staff(['clerk'], 'store-1')).memberId } }), { admin: 200 }],
  ['remove a member’s role', async (w) => call(removeRoleHandler, { method: 'DELETE', token: w.token, params: { memberId: (await staff(['clerk'], 'store-1')).memberId, role: 'clerk' } }),
    { admin: 200 }],
  // Open to every signed-in identity; an unknown code is refused the same way for all.
  ['bind with an unknown invite', (w) => call(bindHandler, { token: w.token, body: { inviteCode: 'ZZZZ2222' } }),
    { member: 422, clerk: 422, manager: 422, admin: 422, disabled: 422, otherClerk: 422, demotedAdmin: 422 }],
  ['verify member code', async (w) => call(verifyCode, { token: w.token, body: { code: codeOf(await login()) } }), { clerk: 200, manager: 200, otherClerk: 200 }],
  ['hold a coupon', (w) => call(holdHandler, { token: w.token, params: { code: '123456789012345678' }, body: { orderId: order(), amountFen: 100 } }),
    { clerk: 404, manager: 404, otherClerk: 404 }],
  ['record purchase', async (w) => call(purchaseHandler, { token: w.token, body: { memberCode: codeOf(await login()), orderId: order(), amountFen: 100 } }),
    { clerk: 200, manager: 200, otherClerk: 200 }],
  ['redeem points (none to redeem)', async (w) => call(redemptionHandler, { token: w.token, body: { memberCode: codeOf(await login()), orderId: order(), points: 10 } }),
    { clerk: 409, manager: 409, otherClerk: 409 }],
  ['refund a store-1 order', async (w) => {
    const { orderId } = await store1Purchase()
    return call(refundHandler, { token: w.token, body: { orderId, refundId: `${orderId}-r`, amountFen: 100 } })
  }, { clerk: 200, manager: 200, otherClerk: 403 }],
  ['void a store-1 clerk’s purchase', async (w) => call(voidHandler, { token: w.token, params: { id: (await store1Purchase()).actionId } }),
    { clerk: 200, manager: 200, otherClerk: 403 }],
  ['store summary', (w) => call(summaryHandler, { token: w.token }), { clerk: 200, manager: 200, otherClerk: 200 }],
  ['audit', (w) => call(auditHandler, { token: w.token }), { manager: 200 }],
]

describe('authorisation matrix', () => {
  const whos: Who[] = ['member', 'clerk', 'manager', 'admin', 'disabled', 'otherClerk', 'demotedAdmin']
  it.each(cases.flatMap(([name, run, allowed]) => whos.map((who) => [name, who, allowed[who] ?? NOBODY_ELSE, run, allowed] as const)))(
    '%s as %s → %d',
    async (_name, who, status, run, allowed) => {
      const res = await run(people[who])
      expect({ status: res.status, error: res.body?.error?.code }).toMatchObject({ status })
      // Where the token's clerk role would pass, the table's disabled flag is what refuses.
      if (who === 'disabled' && status === 403) expect(res.body.error.code).toBe(allowed.clerk ? 'staff.disabled' : 'auth.forbidden')
      // Where the token's admin role would pass, the table's roles are what refuse.
      if (who === 'demotedAdmin' && status === 403) expect(res.body.error.code).toBe('auth.forbidden')
    },
  )

  it('scopes the summary and the audit to the caller’s store', async () => {
    const mine = await call(summaryHandler, { token: people.otherClerk.token })
    expect(mine.body.storeId).toBe('store-2')
    await store1Purchase()
    const audit = await call(auditHandler, { token: people.manager.token })
    expect(audit.body.items.length).toBeGreaterThan(0)
    expect(audit.body.items.every((i: { storeId: string }) => i.storeId === 'store-1')).toBe(true)
  })
})

describe('invites', () => {
  it('binds the caller once with a 24-hour code; the new role works at once with the returned session', async () => {
    const invite = await call(createInviteHandler, { token: people.admin.token, body: { storeId: 'store-2', role: 'manager' } })
    expect(invite).toMatchObject({ status: 201, body: { storeId: 'store-2', role: 'manager', inviteCode: expect.stringMatching(/^[2-9A-Z]{8}$/) } })
    const newcomer = await login()
    const bound = await call(bindHandler, { token: newcomer.token, body: { inviteCode: invite.body.inviteCode.toLowerCase() } })
    expect(bound).toMatchObject({ status: 200, body: { member: { roles: ['member', 'manager'], storeId: 'store-2' } } })
    expect((await call(auditHandler, { token: bound.body.token })).status).toBe(200)
    const again = await call(bindHandler, { token: (await login()).token, body: { inviteCode: invite.body.inviteCode } })
    expect(again).toMatchObject({ status: 422, body: { error: { code: 'staff.invite_invalid', details: { reason: 'used' } } } })
  })

  it('throttles codes per caller: of 40 wrong codes in a row, those after the allowance are 429; a right code after the wait binds', async () => {
    let now = new Date()
    overrideDeps({ clock: () => now })
    try {
      const invite = await call(createInviteHandler, { token: people.admin.token, body: { storeId: 'store-1', role: 'clerk' } })
      const guesser = await login()
      const statuses: number[] = []
      for (let i = 0; i < 40; i++) {
        const res = await call(bindHandler, { token: guesser.token, body: { inviteCode: `ZZZZ${String(2222 + i).replace(/[01]/g, '2')}` } })
        statuses.push(res.status)
        if (res.status === 429) expect(res).toMatchObject({ body: { error: { code: 'rate.limited', details: { retryAfterSeconds: 120 } } }, headers: { 'retry-after': '120' } })
      }
      expect(statuses).toEqual([...Array(5).fill(422), ...Array(35).fill(429)])
      // The right code counts like any other, so it waits too; another caller is not affected.
      expect((await call(bindHandler, { token: guesser.token, body: { inviteCode: invite.body.inviteCode } })).status).toBe(429)
      expect((await call(bindHandler, { token: (await login()).token, body: { inviteCode: 'ZZZZ2222' } })).status).toBe(422)
      now = new Date(now.getTime() + 120_000)
      const bound = await call(bindHandler, { token: guesser.token, body: { inviteCode: invite.body.inviteCode } })
      expect(bound).toMatchObject({ status: 200, body: { member: { roles: ['member', 'clerk'], storeId: 'store-1' } } })
    } finally {
      resetDeps()
    }
  })

  it('refuses an expired code and an unknown store', async () => {
    const deps = { table: getDeps().table, clock: () => new Date('2026-11-01T00:00:00Z') }
    const { inviteCode } = await createInvite(deps, people.admin.memberId, StaffInviteRequest.parse({ storeId: 'store-1', role: 'clerk' }))
    const newcomer = await login()
    await expect(bindInvite({ ...deps, clock: () => new Date('2026-11-02T00:00:00Z') }, newcomer.memberId, inviteCode)).rejects.toMatchObject({ details: { reason: 'expired' } })
    await expect(bindInvite({ ...deps, clock: () => new Date('2026-11-01T23:59:59Z') }, newcomer.memberId, inviteCode)).resolves.toMatchObject({ storeId: 'store-1' })
    expect(await call(createInviteHandler, { token: people.admin.token, body: { storeId: 'store-x', role: 'clerk' } })).toMatchObject({ status: 404, body: { error: { code: 'store.not_found' } } })
  })

  it('answers a repeated store creation with the store, and other details for its id with 409', async () => {
    const body = { storeId: `s-${randomUUID().slice(0, 8)}`, name: '重复店', city: '苏州' }
    expect((await call(createStoreHandler, { token: people.admin.token, body })).status).toBe(201)
    expect(await call(createStoreHandler, { token: people.admin.token, body })).toMatchObject({ status: 201, body: { storeId: body.storeId, name: '重复店' } })
    expect(await call(createStoreHandler, { token: people.admin.token, body: { ...body, name: '别的店' } })).toMatchObject({ status: 409, body: { error: { code: 'store.exists' } } })
  })
})

describe('bad input', () => {
  it('answers 400 with the field and writes nothing', async () => {
    const shopper = await login()
    const code = codeOf(shopper)
    const before = await tableSnapshot()
    for (const body of [
      { memberCode: code, orderId: 'has space', amountFen: 100 },
      { memberCode: code, orderId: order(), amountFen: 0 },
      { memberCode: code, orderId: order(), amountFen: 1.5 },
      { memberCode: code, orderId: order() },
      { memberCode: code, orderId: order(), amountFen: 100, extra: true },
    ]) {
      const res = await call(purchaseHandler, { token: people.clerk.token, body })
      expect(res).toMatchObject({ status: 400, body: { error: { code: 'request.invalid', message: expect.stringMatching(/^请求参数有误/) } } })
    }
    expect((await call(refundHandler, { token: people.clerk.token, body: { orderId: order(), refundId: 'r', amountFen: -1 } })).status).toBe(400)
    expect((await call(voidHandler, { token: people.clerk.token, params: { id: 'bogus' } })).status).toBe(400)
    expect((await call(auditHandler, { token: people.manager.token, query: { date: '2026-13-01' } })).status).toBe(400)
    expect(await tableSnapshot()).toEqual(before)
  })
})
