import { randomUUID } from 'node:crypto'
import { defaultProgramRules } from '@siyu/shared/rules/program-rules'
import { call, tableSnapshot, useIntegrationEnv } from '../../../test/integration'
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
