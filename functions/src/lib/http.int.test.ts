import { randomUUID } from 'node:crypto'
import { defaultProgramRules } from '@siyu/shared/rules/program-rules'
import { contract } from '@siyu/shared/api/contract'
import type { RouteName } from '@siyu/shared/api/routes'
import { call, tableSnapshot, useIntegrationEnv } from '../../../test/integration'
import { getDeps } from './deps'
import { httpRoute } from './http'
import { setRoles } from '../members/roles'
import { handler as authDev } from '../members/handlers/auth-dev'
import { handler as putConsents } from '../members/handlers/put-consents'
import { handler as updateMe } from '../members/handlers/update-me'
import { handler as checkIn } from '../checkin/handlers/post-checkin'
import { handler as getMe } from '../members/handlers/get-me'

useIntegrationEnv()

async function consentedMember(): Promise<{ memberId: string; token: string }> {
  const { body } = await call(authDev, { body: { openid: `http-${randomUUID()}` } })
  const privacyPolicyVersion = defaultProgramRules().privacy.policyVersion
  expect((await call(putConsents, { method: 'PUT', token: body.token, body: { privacyPolicyVersion, marketing: false, personalisation: false } })).status).toBe(200)
  return { memberId: body.member.id, token: body.token }
}

/** Logs in again after the roles change, so the token carries them. */
async function withRoles(roles: 'admin'[]): Promise<{ memberId: string; token: string }> {
  const openid = `http-${randomUUID()}`
  const first = await call(authDev, { body: { openid } })
  await setRoles(getDeps().table, first.body.member.id, { roles, storeId: null }, new Date())
  const { body } = await call(authDev, { body: { openid } })
  return { memberId: body.member.id, token: body.token }
}

describe('request bodies', () => {
  let member: { memberId: string; token: string }
  beforeAll(async () => {
    member = await consentedMember()
  })

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'])(
    'refuses a JSON body sent as %s with 415 and writes nothing',
    async (contentType) => {
      const before = await tableSnapshot()
      const res = await call(updateMe, { method: 'PATCH', token: member.token, body: { nickname: '纯文本' }, headers: { 'content-type': contentType } })
      expect(res).toMatchObject({ status: 415, body: { error: { code: 'request.unsupported_media_type' } } })
      expect(await tableSnapshot()).toEqual(before)
    },
  )

  it('refuses a body without a content type on a route that takes one (415)', async () => {
    const res = await call(updateMe, { method: 'PATCH', token: member.token, body: { nickname: '无类型' }, headers: { 'content-type': undefined as never } })
    expect(res).toMatchObject({ status: 415, body: { error: { code: 'request.unsupported_media_type' } } })
  })

  it.each(['application/json', 'application/json; charset=utf-8', 'Application/JSON;charset=UTF-8'])('accepts %s', async (contentType) => {
    const res = await call(updateMe, { method: 'PATCH', token: member.token, body: { nickname: '小思' }, headers: { 'Content-Type': contentType, 'content-type': undefined as never } })
    expect(res).toMatchObject({ status: 200, body: { nickname: '小思' } })
  })

  it('refuses a 1 MB body on a route without one (413) and writes nothing', async () => {
    const fresh = await consentedMember()
    const before = await tableSnapshot()
    const res = await call(checkIn, { method: 'POST', token: fresh.token, rawBody: JSON.stringify({ pad: 'x'.repeat(1024 * 1024) }) })
    expect(res).toMatchObject({ status: 413, body: { error: { code: 'request.too_large' } } })
    expect(await tableSnapshot()).toEqual(before)
  })

  it('refuses a body over the limit on a route with one (413), before parsing it', async () => {
    const before = await tableSnapshot()
    const res = await call(updateMe, { method: 'PATCH', token: member.token, rawBody: `{"nickname":"${'长'.repeat(40 * 1024)}"` })
    expect(res).toMatchObject({ status: 413, body: { error: { code: 'request.too_large' } } })
    expect(await tableSnapshot()).toEqual(before)
  })

  it('counts the bytes of a base64-encoded body, not its characters', async () => {
    const raw = Buffer.from(JSON.stringify({ pad: 'y'.repeat(2048) })).toString('base64')
    const res = await getMe({
      version: '2.0', rawPath: '/v1/me', headers: { authorization: `Bearer ${member.token}` }, body: raw, isBase64Encoded: true,
      requestContext: { requestId: randomUUID(), http: { method: 'GET', path: '/v1/me' } },
    } as never) as { statusCode: number }
    expect(res.statusCode).toBe(413)
  })

  it('serves a bodyless POST as the mini-program sends it (no body, with or without a content type)', async () => {
    const a = await consentedMember()
    expect((await call(checkIn, { method: 'POST', token: a.token })).status).toBe(200)
    const b = await consentedMember()
    expect((await call(checkIn, { method: 'POST', token: b.token, headers: { 'content-type': undefined as never } })).status).toBe(200)
    const c = await consentedMember()
    expect((await call(checkIn, { method: 'POST', token: c.token, rawBody: '{}', headers: { 'content-type': 'text/plain' } })).status).toBe(200)
  })

  it('checks nothing on a CORS preflight', async () => {
    const res = await call(updateMe, { method: 'OPTIONS', rawBody: 'x'.repeat(100_000), headers: { 'content-type': 'text/plain' } })
    expect(res.status).toBe(204)
  })
})

describe('admin rights come from the table, on every admin route', () => {
  const adminRoutes = (Object.keys(contract) as RouteName[]).filter((name) => {
    const roles = contract[name].roles as readonly string[] | 'public'
    return roles !== 'public' && roles.includes('admin') && !roles.includes('member')
  })
  let admin: { memberId: string; token: string }
  let demoted: { memberId: string; token: string }
  beforeAll(async () => {
    admin = await withRoles(['admin'])
    demoted = await withRoles(['admin'])
    // Demoted after its token was issued: the token still says admin until it expires.
    await setRoles(getDeps().table, demoted.memberId, { roles: [], storeId: null }, new Date())
  })

  it('finds the admin routes in the contract', () => {
    expect(adminRoutes).toEqual(expect.arrayContaining(['postAdjustment', 'createStore', 'putAdminProgram', 'createCouponTemplate', 'disableStaff']))
  })

  it.each(adminRoutes)('%s refuses a demoted admin’s live token at once (403) and runs nothing; a current admin passes', async (name) => {
    const run = jest.fn(async () => ({}))
    const handler = httpRoute(name, run as never)
    const method = contract[name].method
    expect(await call(handler, { method, token: demoted.token })).toMatchObject({ status: 403, body: { error: { code: 'auth.forbidden' } } })
    expect(run).not.toHaveBeenCalled()
    expect((await call(handler, { method, token: admin.token })).status).not.toBe(403)
  })
})
