import { randomUUID } from 'node:crypto'
import { call, tableSnapshot, useIntegrationEnv } from '../../../test/integration'
import { getDeps } from '../lib/deps'
import { getHandler as getAdminProgram } from '../program/handlers/admin-program'
import { listStoresHandler } from '../staff/handlers/admin'
import { summaryHandler } from '../staff/handlers/till'
import { createStore } from '../stores/stores'
import { handler as authDev } from './handlers/auth-dev'
import { handler as getMe } from './handlers/get-me'
import { handler as removeRole } from './handlers/remove-role'
import { setRoles } from './roles'

useIntegrationEnv()

interface Login { memberId: string; token: string }

/** A member with these roles, logged in after the grant so the token carries them. */
async function withRoles(roles: ('clerk' | 'manager' | 'admin')[], storeId: string | null = null): Promise<Login> {
  const openid = `roles-${randomUUID()}`
  const first = await call(authDev, { body: { openid } })
  await setRoles(getDeps().table, first.body.member.id, { roles, storeId }, new Date())
  const { body } = await call(authDev, { body: { openid } })
  return { memberId: body.member.id, token: body.token }
}

const remove = (by: Login, memberId: string, role: string) => call(removeRole, { method: 'DELETE', token: by.token, params: { memberId, role } })
const auditOf = async (memberId: string) => (await tableSnapshot()).filter((i) => i.action === 'member.role_remove' && i.memberId === memberId)

beforeAll(async () => {
  await createStore(getDeps().table, { storeId: 'store-1', name: '一店', city: '上海', createdAt: new Date().toISOString() })
})

describe('removing a role', () => {
  it('refuses a removed admin’s live token on admin routes at once (403); member routes still work', async () => {
    const [a, b] = [await withRoles(['admin']), await withRoles(['admin'])]
    expect((await call(listStoresHandler, { token: b.token })).status).toBe(200)
    expect(await remove(a, b.memberId, 'admin')).toMatchObject({ status: 200, body: { id: b.memberId, roles: ['member'] } })
    for (const handler of [listStoresHandler, getAdminProgram]) {
      expect(await call(handler, { token: b.token })).toMatchObject({ status: 403, body: { error: { code: 'auth.forbidden' } } })
    }
    expect((await call(getMe, { token: b.token })).status).toBe(200)
    expect(await auditOf(b.memberId)).toEqual([
      expect.objectContaining({ type: 'audit', actorId: a.memberId, role: 'admin', rolesBefore: ['member', 'admin'], rolesAfter: ['member'], requestId: expect.any(String) }),
    ])
  })

  it.each(['admin', 'clerk'])('refuses to remove your own %s role (422) and writes nothing', async (role) => {
    const a = await withRoles(['admin', 'clerk'], 'store-1')
    const before = await tableSnapshot()
    expect(await remove(a, a.memberId, role)).toMatchObject({ status: 422, body: { error: { code: 'member.own_roles' } } })
    expect(await tableSnapshot()).toEqual(before)
  })

  it('is idempotent: a retry, or a role the member lacks, answers with the member and writes nothing more', async () => {
    const [a, m] = [await withRoles(['admin']), await withRoles(['manager'], 'store-1')]
    const first = await remove(a, m.memberId, 'manager')
    expect(first.status).toBe(200)
    const before = await tableSnapshot()
    expect(await remove(a, m.memberId, 'manager')).toEqual(first)
    expect((await remove(a, m.memberId, 'admin')).status).toBe(200)
    expect(await tableSnapshot()).toEqual(before)
    expect(await auditOf(m.memberId)).toHaveLength(1)
  })

  it('takes a staff role like disabling staff: the live token is refused at the till at once', async () => {
    const [a, clerk] = [await withRoles(['admin']), await withRoles(['clerk'], 'store-1')]
    expect((await call(summaryHandler, { token: clerk.token })).status).toBe(200)
    expect((await remove(a, clerk.memberId, 'clerk')).body).toMatchObject({ roles: ['member'] })
    expect(await call(summaryHandler, { token: clerk.token })).toMatchObject({ status: 403, body: { error: { code: 'staff.disabled' } } })
  })

  it('keeps an admin: of two admins removing each other at once, exactly one succeeds', async () => {
    const [a, b] = [await withRoles(['admin']), await withRoles(['admin'])]
    const results = await Promise.all([remove(a, b.memberId, 'admin'), remove(b, a.memberId, 'admin')])
    expect(results.map((r) => r.status).sort()).toEqual([200, 403])
    const admins = (await tableSnapshot()).filter((i) => i.sk === 'PROFILE' && [a.memberId, b.memberId].includes(i.memberId as string))
    expect(admins.filter((i) => (i.roles as string[]).includes('admin'))).toHaveLength(1)
  })

  it.each([
    [{ memberId: 'm_0000000000nobody', role: 'clerk' }, 404, 'member.not_found'],
    [{ memberId: 'm_0000000000nobody', role: 'member' }, 400, 'request.invalid'],
    [{ memberId: 'not-an-id', role: 'clerk' }, 400, 'request.invalid'],
  ])('answers %j with %d and writes nothing', async (params, status, code) => {
    const a = await withRoles(['admin'])
    const before = await tableSnapshot()
    expect(await remove(a, params.memberId, params.role)).toMatchObject({ status, body: { error: { code } } })
    expect(await tableSnapshot()).toEqual(before)
  })
})
