import { randomUUID } from 'node:crypto'
import { defaultProgramRules } from '@siyu/shared/rules/program-rules'
import { call, useIntegrationEnv } from '../../../test/integration'
import { getDeps } from './deps'
import { handler as authDev } from '../members/handlers/auth-dev'
import { setRoles } from '../members/roles'
import { earn } from '../ledger/operations'
import { handler as getHistory } from '../ledger/handlers/get-points-history'
import { handler as getDebtors } from '../ledger/handlers/get-debtors'
import { adminRejectedHandler, referralsHandler } from '../referrals/handlers/referrals'
import { auditHandler } from '../staff/handlers/till'
import { myCouponsHandler } from '../coupons/handlers/member-coupons'
import { createStore } from '../stores/stores'

useIntegrationEnv()

async function login(openid = `cursor-${randomUUID()}`): Promise<{ memberId: string; token: string }> {
  const { body } = await call(authDev, { body: { openid } })
  return { memberId: body.member.id, token: body.token }
}

/** Logs in again after the roles change, so the token carries them. */
async function withRoles(roles: ('manager' | 'admin')[], storeId: string | null) {
  const openid = `cursor-${randomUUID()}`
  await setRoles(getDeps().table, (await login(openid)).memberId, { roles, storeId }, new Date())
  return login(openid)
}

const BAD = ['0', '-1', '1.5', '%00', '\u0000', '2026-13', 'bnVsbA', Buffer.from('{"q":"x","p":{}}').toString('base64url')]

describe('page cursors are opaque and validated', () => {
  let member: { memberId: string; token: string }
  let manager: { memberId: string; token: string }
  let admin: { memberId: string; token: string }
  beforeAll(async () => {
    await createStore(getDeps().table, { storeId: 'store-1', name: '一店', city: '上海', createdAt: new Date().toISOString() })
    member = await login()
    manager = await withRoles(['manager'], 'store-1')
    admin = await withRoles(['admin'], null)
  })

  const routes = () => [
    ['GET /v1/me/referrals', referralsHandler, member.token, {}],
    ['GET /v1/me/points/history', getHistory, member.token, {}],
    ['GET /v1/me/coupons', myCouponsHandler, member.token, { status: 'available' }],
    ['GET /v1/manager/audit', auditHandler, manager.token, {}],
    ['GET /v1/admin/points/debtors', getDebtors, admin.token, {}],
    ['GET /v1/admin/referrals', adminRejectedHandler, admin.token, { kind: 'rejected' }],
  ] as const

  it.each(BAD)('answers 400 request.invalid to the cursor %j on every paged route, never 500', async (cursor) => {
    for (const [name, handler, token, query] of routes()) {
      const res = await call(handler, { token, query: { ...query, cursor } })
      expect({ name, status: res.status, code: res.body.error?.code }).toEqual({ name, status: 400, code: 'request.invalid' })
    }
  })

  it('accepts its own next cursor, and refuses it for another member or another filter', async () => {
    const rules = defaultProgramRules()
    const deps = { table: getDeps().table, clock: () => new Date() }
    for (let i = 1; i <= 3; i++) await earn(deps, rules, { memberId: member.memberId, key: `cursor-test:${member.memberId}:${i}`, code: 'checkin', points: 10, ref: `r${i}` })
    const first = await call(getHistory, { token: member.token, query: { limit: '2' } })
    expect(first.body.items).toHaveLength(2)
    const cursor = first.body.nextCursor as string
    expect(cursor).toEqual(expect.any(String))

    const next = await call(getHistory, { token: member.token, query: { limit: '2', cursor } })
    expect(next).toMatchObject({ status: 200, body: { items: [{ balanceAfter: 10 }], nextCursor: null } })
    const other = await login()
    expect((await call(getHistory, { token: other.token, query: { limit: '2', cursor } })).status).toBe(400)
    expect((await call(getHistory, { token: member.token, query: { limit: '2', cursor, code: 'checkin' } })).status).toBe(400)
  })
})
