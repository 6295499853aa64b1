import { randomUUID } from 'node:crypto'
import { SignJWT } from 'jose'
import { call, useIntegrationEnv } from '../../../test/integration'
import { handler as authDev } from '../members/handlers/auth-dev'
import { handler as getMe } from '../members/handlers/get-me'

useIntegrationEnv()

describe('session tokens at the API', () => {
  it('refuses a token signed with the real secret but without an expiry (401)', async () => {
    const { body } = await call(authDev, { body: { openid: `tok-${randomUUID()}` } })
    const secret = new TextEncoder().encode(process.env.SESSION_SECRET)
    const forever = await new SignJWT({ roles: ['member', 'admin'], storeId: null })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setSubject(body.member.id).setIssuer('siyu').setAudience('siyu-app').setIssuedAt()
      .sign(secret)
    expect(await call(getMe, { token: forever })).toMatchObject({ status: 401, body: { error: { code: 'auth.invalid_token' } } })
    expect((await call(getMe, { token: body.token })).status).toBe(200)
  })
})
