import { SignJWT, jwtVerify } from 'jose'
import type { Role } from '@siyu/shared/schemas/common'
import { DomainError } from './errors'

export interface Session {
  memberId: string
  roles: Role[]
  storeId: string | null
}

const ISSUER = 'siyu'
const AUDIENCE = 'siyu-app'

/** Short-lived HS256 session token carrying the member id and roles. */
export async function issueToken(
  session: Session,
  opts: { secret: Uint8Array; ttlSeconds: number; now: Date },
): Promise<{ token: string; expiresAt: string }> {
  const iat = Math.floor(opts.now.getTime() / 1000)
  const exp = iat + opts.ttlSeconds
  const token = await new SignJWT({ roles: session.roles, storeId: session.storeId })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(session.memberId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .sign(opts.secret)
  return { token, expiresAt: new Date(exp * 1000).toISOString() }
}

export async function verifyToken(token: string, opts: { secret: Uint8Array; now: Date }): Promise<Session> {
  try {
    const { payload } = await jwtVerify(token, opts.secret, {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ['HS256'],
      // A token without an expiry (or issue time, subject) is never accepted, however it was signed.
      requiredClaims: ['exp', 'iat', 'sub', 'iss', 'aud'],
      currentDate: opts.now,
    })
    if (typeof payload.sub !== 'string' || !Array.isArray(payload.roles)) throw new Error('claims missing')
    return {
      memberId: payload.sub,
      roles: payload.roles as Role[],
      storeId: typeof payload.storeId === 'string' ? payload.storeId : null,
    }
  } catch (cause) {
    throw new DomainError('auth.invalid_token', '登录已过期，请重新登录', undefined, { cause })
  }
}
