import { SignJWT, decodeProtectedHeader } from 'jose'
import { ProgramRules } from '@siyu/shared/rules/program-rules'
import { call, useIntegrationEnv } from '../../../test/integration'
import { getItem } from '../lib/db'
import { getDeps } from '../lib/deps'
import { keys } from '../lib/keys'
import { issueToken } from '../lib/session'
import { handler as authDev } from '../members/handlers/auth-dev'
import { bindReferral } from './bind'
import { bindHandler, inviteHandler } from './handlers/referrals'
import { handler as openHandler } from './handlers/open-invite'
import { getMyInvite, listMyReferrals } from './queries'
import { reviewReferralsPage } from './review'
import { bind, bindDeps, codeOf, D, H, iso, member, outcome, rules, T0, ticketAt } from './test-fixtures'

useIntegrationEnv()

const listed = async (referrerId: string) => (await listMyReferrals(getDeps().table, referrerId, { limit: 100 }, new Date(T0))).items
const bindWith = async (inviteeId: string, inviteCode: string, ticket: string, at = iso(T0, H), r = rules) =>
  outcome(bindReferral(bindDeps(at), r, inviteeId, { inviteCode, ticket }))

/** The ticket's payload part replaced (the signature left as it was). */
function withPayload(ticket: string, change: (p: Record<string, unknown>) => Record<string, unknown>): string {
  const [header, payload, signature] = ticket.split('.')
  const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>
  return [header, Buffer.from(JSON.stringify(change(decoded))).toString('base64url'), signature].join('.')
}

describe('newness is decided from the server’s ticket, not the device', () => {
  it('refuses an old member who was never bound as not new, however fresh the ticket', async () => {
    const referrer = await member()
    const old = await member('2026-01-01T00:00:00Z')
    const code = await codeOf(referrer)
    expect(await bindWith(old, code, await ticketAt(code, T0))).toBe('not_new')
    // The open time is inside the ticket: an old member cannot claim an open from before they registered.
    expect(await bindWith(old, code, await ticketAt(code, iso(T0, -H)))).toBe('not_new')
  })

  it('refuses a modified, foreign-keyed, other-code or session ticket (recorded as invalid), and an expired one as not new', async () => {
    const referrer = await member()
    const code = await codeOf(referrer)
    const ticket = await ticketAt(code, T0)
    const newcomer = () => member(iso(T0, H))
    // Moving the open back to before the member registered breaks the signature.
    expect(await bindWith(await newcomer(), code, withPayload(ticket, (p) => ({ ...p, iat: Number(p.iat) - 30 * 86_400 })), iso(T0, 2 * H))).toBe('invalid_ticket')
    const foreign = await new SignJWT({ code }).setProtectedHeader(decodeProtectedHeader(ticket) as { alg: string }).setIssuer('siyu').setAudience('siyu-referral-open')
      .setIssuedAt(Math.floor(Date.parse(T0) / 1000)).setExpirationTime('30d').sign(new Uint8Array(32))
    expect(await bindWith(await newcomer(), code, foreign, iso(T0, 2 * H))).toBe('invalid_ticket')
    const otherCode = await codeOf(await member())
    expect(await bindWith(await newcomer(), code, await ticketAt(otherCode, T0), iso(T0, 2 * H))).toBe('invalid_ticket')
    const session = await issueToken({ memberId: referrer, roles: ['member'], storeId: null }, { secret: getDeps().config.sessionSecret, ttlSeconds: 3600, now: new Date(T0) })
    expect(await bindWith(await newcomer(), code, session.token, iso(T0, 2 * H))).toBe('invalid_ticket')
    // Valid for attributionDays + 1 day; a genuine ticket past that says the open was too long ago.
    expect(await bindWith(await newcomer(), code, ticket, iso(T0, 8 * D + 1000))).toBe('not_new')
    expect(await bindWith(await newcomer(), code, ticket, iso(T0, 2 * H))).toBe('bound')

    const reasons = (await reviewReferralsPage(getDeps().table, { kind: 'rejected', limit: 100 })).items.filter((r) => r.referrer.id === referrer).map((r) => r.reason).sort()
    expect(reasons).toEqual(['invalid_ticket', 'invalid_ticket', 'invalid_ticket', 'invalid_ticket', 'not_new'])
  })

  it('HTTP: the share’s open gets a ticket without a login; bind takes it, refuses the old `openedAt` body with a 400', async () => {
    const referrer = await call(authDev, { body: { openid: `attr-ref-${Date.now()}` } })
    const code = (await call(inviteHandler, { token: referrer.body.token })).body.inviteCode as string
    const opened = await call(openHandler, { body: { inviteCode: code } })
    expect(opened).toMatchObject({ status: 200, body: { inviteCode: code } })
    expect(Date.parse(opened.body.expiresAt) - Date.parse(opened.body.openedAt)).toBe((rules.referrals.attributionDays + 1) * D)
    expect(await call(openHandler, { body: { inviteCode: code, openedAt: T0 } })).toMatchObject({ status: 400 })
    const newcomer = await call(authDev, { body: { openid: `attr-new-${Date.now()}` } })
    expect(await call(bindHandler, { token: newcomer.body.token, body: { inviteCode: code, openedAt: new Date().toISOString() } })).toMatchObject({
      status: 400, body: { error: { code: 'request.invalid', message: '请求参数有误：缺少邀请凭证，请重新打开好友分享的邀请' } },
    })
    expect(await call(bindHandler, { token: newcomer.body.token, body: { inviteCode: code } })).toMatchObject({ status: 400 })
    const forged = withPayload(opened.body.ticket, (p) => ({ ...p, iat: 0 }))
    expect(await call(bindHandler, { token: newcomer.body.token, body: { inviteCode: code, ticket: forged } })).toMatchObject({
      status: 422, body: { error: { code: 'referral.rejected', message: '邀请链接无效，请重新打开好友分享的邀请', details: { reason: 'invalid_ticket' } } },
    })
    expect(await call(bindHandler, { token: newcomer.body.token, body: { inviteCode: code, ticket: opened.body.ticket } })).toMatchObject({ status: 200, body: { status: 'joined' } })
  })

  it('bounds the tickets handed out per code (429 with Retry-After), and an unknown code is a 404', async () => {
    const tight = ProgramRules.parse({ ...rules, referrals: { ...rules.referrals, opensPerCode: { limit: 3, perSeconds: 60 } } })
    const code = await codeOf(await member())
    for (let i = 0; i < 3; i++) await ticketAt(code, iso(T0, 10 * D), tight)
    await expect(ticketAt(code, iso(T0, 10 * D), tight)).rejects.toMatchObject({ code: 'rate.limited', details: { retryAfterSeconds: 20 } })
    expect(await ticketAt(code, iso(T0, 10 * D + 20_000), tight)).toEqual(expect.any(String))
    await expect(ticketAt('ZZZZ2222', T0)).rejects.toMatchObject({ code: 'referral.code_unknown' })
  })
})

describe('cycles are refused inside the bind transaction', () => {
  it('A→B and B→A at the same moment: exactly one binds, the other is refused as a cycle (repeated)', async () => {
    for (let round = 0; round < 6; round++) {
      const [a, b] = [await member(T0), await member(T0)]
      const [ca, cb] = [await codeOf(a), await codeOf(b)]
      const [ta, tb] = [await ticketAt(ca, T0), await ticketAt(cb, T0)]
      const results = await Promise.all([bindWith(a, cb, tb), bindWith(b, ca, ta)])
      expect([...results].sort()).toEqual(['bound', 'cycle'])
      const refused = results[0] === 'bound' ? b : a // results[0] is a's bind (to b's code)
      expect((await getItem(getDeps().table, keys.referral(refused)))).toBeUndefined()
    }
  })
})

describe('refused binds are limited and listed once', () => {
  it('25 self-binds: one row in the inviter’s list, repeats counted; 429 after the allowance', async () => {
    const m = await member(T0)
    const code = await codeOf(m)
    const ticket = await ticketAt(code, T0)
    const outcomes: string[] = []
    for (let i = 0; i < 25; i++) outcomes.push(await bindWith(m, code, ticket, iso(T0, H + i * 1000)))
    const { limit } = rules.referrals.refusalsPerMember
    expect(outcomes).toEqual([...Array(limit).fill('self'), ...Array(25 - limit).fill('rate.limited')])
    expect(await listed(m)).toEqual([expect.objectContaining({ status: 'rejected', rejectedReason: 'self' })])
    expect(await getItem(getDeps().table, keys.refRefused(m, m))).toMatchObject({ reason: 'self', repeats: limit - 1 })
    expect((await getMyInvite(getDeps().table, rules, m, new Date(T0))).counts.rejected).toBe(1)
    // The bucket refills: an hour later the caller may try again (and is refused again, still one row).
    expect(await bindWith(m, code, ticket, iso(T0, 2 * H + 30_000))).toBe('self')
    expect(await listed(m)).toHaveLength(1)
  })

  it('limits refusals against one inviter from many callers; a genuine newcomer still binds', async () => {
    const tight = ProgramRules.parse({ ...rules, referrals: { ...rules.referrals, refusalsPerReferrer: { limit: 3, perSeconds: 3600 } } })
    const referrer = await member()
    const code = await codeOf(referrer)
    const ticket = await ticketAt(code, T0)
    const outcomes: string[] = []
    for (let i = 0; i < 5; i++) outcomes.push(await bindWith(await member(), code, ticket, iso(T0, H), tight))
    expect(outcomes).toEqual(['not_new', 'not_new', 'not_new', 'rate.limited', 'rate.limited'])
    expect(await listed(referrer)).toHaveLength(3)
    expect(await outcome(bind(await member(iso(T0, 60_000)), referrer, { rules: tight }))).toBe('bound')
  })
})
