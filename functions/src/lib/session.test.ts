import { SignJWT } from 'jose'
import { DomainError } from './errors'
import { issueToken, verifyToken } from './session'

const secret = new TextEncoder().encode('s'.repeat(48))
const now = new Date('2026-11-25T02:00:00Z')

describe('session tokens', () => {
  it('round-trips the member id, roles and store', async () => {
    const { token, expiresAt } = await issueToken({ memberId: 'm_abc', roles: ['member', 'clerk'], storeId: 'store-1' }, { secret, ttlSeconds: 3600, now })
    expect(expiresAt).toBe('2026-11-25T03:00:00.000Z')
    expect(await verifyToken(token, { secret, now })).toEqual({ memberId: 'm_abc', roles: ['member', 'clerk'], storeId: 'store-1' })
  })

  it.each([
    ['expired', { now: new Date('2026-11-25T03:00:01Z') }],
    ['signed with another secret', { secret: new TextEncoder().encode('t'.repeat(48)) }],
  ])('refuses a token %s', async (_label, override) => {
    const { token } = await issueToken({ memberId: 'm_abc', roles: ['member'], storeId: null }, { secret, ttlSeconds: 3600, now })
    await expect(verifyToken(token, { secret, now, ...override })).rejects.toMatchObject({ code: 'auth.invalid_token' })
  })

  it.each([
    ['no expiry', (t: SignJWT) => t.setIssuedAt(Math.floor(now.getTime() / 1000)).setIssuer('siyu').setAudience('siyu-app')],
    ['no issue time', (t: SignJWT) => t.setExpirationTime('1h').setIssuer('siyu').setAudience('siyu-app')],
    ['no issuer', (t: SignJWT) => t.setIssuedAt().setExpirationTime('1h').setAudience('siyu-app')],
    ['no audience', (t: SignJWT) => t.setIssuedAt().setExpirationTime('1h').setIssuer('siyu')],
  ])('refuses a correctly signed token with %s', async (_label, shape) => {
    const token = await shape(new SignJWT({ roles: ['admin'], storeId: null }).setProtectedHeader({ alg: 'HS256' }).setSubject('m_abc')).sign(secret)
    await expect(verifyToken(token, { secret, now })).rejects.toMatchObject({ code: 'auth.invalid_token' })
  })

  it('refuses an unsigned (alg none) token', async () => {
    const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url')
    const forged = `${b64({ alg: 'none' })}.${b64({ sub: 'm_x', roles: ['admin'], iss: 'siyu', aud: 'siyu-app', exp: 9e9 })}.`
    await expect(verifyToken(forged, { secret, now })).rejects.toBeInstanceOf(DomainError)
  })
})
