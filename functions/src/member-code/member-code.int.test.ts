import { randomBytes } from 'node:crypto'
import { decodeSecret, memberCodeForStep, stepAt } from '@siyu/shared/rules/member-code'
import { MEMBER_CODE_VECTORS } from '@siyu/shared/rules/member-code.vectors'
import { defaultProgramRules } from '@siyu/shared/rules/program-rules'
import { call, tableSnapshot, useIntegrationEnv } from '../../../test/integration'
import { getDeps } from '../lib/deps'
import { loginByOpenid, setConsents } from '../members/members'
import { setRoles } from '../members/roles'
import { handler as authDev } from '../members/handlers/auth-dev'
import { earn } from '../ledger/operations'
import { ensureCodeSecret, rotateCodeSecret, type CodeSecretDeps } from './secret'
import { resolveMemberCode, useMemberCode } from './verify'
import { handler as getMemberCode } from './handlers/get-member-code'
import { handler as rotateMemberCode } from './handlers/rotate-member-code'
import { handler as verify } from './handlers/verify-member-code'

useIntegrationEnv()

const rules = defaultProgramRules()
const piiKey = randomBytes(32)
let n = 0
const NOW = new Date('2026-11-25T04:00:10Z')
const deps = (clock = () => NOW, random?: CodeSecretDeps['random']): CodeSecretDeps => ({ table: getDeps().table, clock, piiKey, random })

async function newMember(): Promise<string> {
  const { member } = await loginByOpenid({ ...getDeps(), clock: () => NOW }, { openid: `code-${Date.now()}-${n++}` })
  return member.memberId
}

/** The code the app would show `steps` steps from NOW. */
async function codeAt(memberId: string, steps: number): Promise<string> {
  const s = await ensureCodeSecret(deps(), rules, memberId)
  return memberCodeForStep(s.shortId, decodeSecret(s.secret), stepAt(NOW, 30) + steps)
}

describe('member code', () => {
  it.each(MEMBER_CODE_VECTORS)('verifies the shared vector of $at with the same generator as the app', async ({ secret, shortId, at, code }) => {
    const m = await newMember()
    const fixed = { secret: () => Buffer.from(decodeSecret(secret)), shortId: () => `${shortId.slice(0, 6)}${String(n++ % 100).padStart(2, '0')}` }
    const issued = await ensureCodeSecret(deps(undefined, fixed), rules, m)
    const vectorCode = `${issued.shortId}${code.slice(8)}`
    await expect(resolveMemberCode(deps(() => new Date(at)), rules, vectorCode)).resolves.toMatchObject({ memberId: m })
  })

  it('accepts the current step ±1 and refuses ±2: the past as expired, the future as invalid', async () => {
    const m = await newMember()
    for (const d of [-1, 0, 1]) await expect(resolveMemberCode(deps(), rules, await codeAt(m, d))).resolves.toEqual({ memberId: m, step: stepAt(NOW, 30) + d })
    await expect(resolveMemberCode(deps(), rules, await codeAt(m, -2))).rejects.toMatchObject({ code: 'member_code.expired' })
    await expect(resolveMemberCode(deps(), rules, await codeAt(m, 2))).rejects.toMatchObject({ code: 'member_code.invalid' })
  })

  it('refuses forged and malformed codes with their own codes', async () => {
    const m = await newMember()
    const good = await codeAt(m, 0)
    const forgedOtp = `${good.slice(0, 8)}${String((Number(good.slice(8)) + 1) % 1_000_000).padStart(6, '0')}`
    await expect(resolveMemberCode(deps(), rules, forgedOtp)).rejects.toMatchObject({ code: 'member_code.invalid' })
    await expect(resolveMemberCode(deps(), rules, `00000000${good.slice(8)}`)).rejects.toMatchObject({ code: 'member_code.invalid' })
    await expect(resolveMemberCode(deps(), rules, good.slice(1))).rejects.toMatchObject({ code: 'member_code.malformed' })
    await expect(resolveMemberCode(deps(), rules, 'abc')).rejects.toMatchObject({ code: 'member_code.malformed' })
  })

  it('lets a code serve one till transaction per step: a second order is a replay, a retry of the first is fine', async () => {
    const m = await newMember()
    const code = await codeAt(m, 0)
    await useMemberCode(deps(), rules, code, 'order-1')
    await useMemberCode(deps(), rules, code, 'order-1')
    await expect(useMemberCode(deps(), rules, code, 'order-2')).rejects.toMatchObject({ code: 'member_code.replayed' })
    // The next step's code is a new code.
    await expect(useMemberCode(deps(), rules, await codeAt(m, 1), 'order-2')).resolves.toMatchObject({ memberId: m })
  })

  it('keeps one secret per member, and a rotation makes old codes invalid', async () => {
    const m = await newMember()
    const [a, b] = await Promise.all([ensureCodeSecret(deps(), rules, m), ensureCodeSecret(deps(), rules, m)])
    expect(a).toEqual(b)
    const old = await codeAt(m, 0)
    const rotated = await rotateCodeSecret(deps(), rules, m)
    expect(rotated).toMatchObject({ shortId: a.shortId, version: 2 })
    expect(rotated.secret).not.toBe(a.secret)
    await expect(resolveMemberCode(deps(), rules, old)).rejects.toMatchObject({ code: 'member_code.invalid' })
    await expect(resolveMemberCode(deps(), rules, await codeAt(m, 0))).resolves.toMatchObject({ memberId: m })
  })

  it('draws another short id when one is taken', async () => {
    const [first, second] = [await newMember(), await newMember()]
    const ids = ['55555555', '55555555', '66666666']
    const random = { secret: () => randomBytes(20), shortId: () => ids.shift()! }
    expect((await ensureCodeSecret(deps(undefined, random), rules, first)).shortId).toBe('55555555')
    expect((await ensureCodeSecret(deps(undefined, random), rules, second)).shortId).toBe('66666666')
  })
})

describe('HTTP', () => {
  async function login(openid: string, roles: ('clerk' | 'manager' | 'admin')[] = []) {
    const res = await call(authDev, { body: { openid } })
    if (roles.length) {
      await setRoles(getDeps().table, res.body.member.id, { roles, storeId: roles.includes('admin') ? null : 'store-1' }, new Date())
      return { ...res.body, ...(await call(authDev, { body: { openid } })).body }
    }
    return res.body
  }

  it('hands the secret out at login and on request; a clerk verifies the live code and sees the member card', async () => {
    const memberLogin = await login(`code-http-${n++}`)
    const memberId = memberLogin.member.id as string
    await setConsents(getDeps(), memberId, { privacyPolicyVersion: rules.privacy.policyVersion, marketing: false, personalisation: false }, rules)
    await earn({ table: getDeps().table, clock: () => new Date() }, rules, { memberId, key: `k:${memberId}`, code: 'checkin', points: 30, ref: 'x' })
    const fetched = await call(getMemberCode, { token: memberLogin.token })
    expect(fetched).toMatchObject({ status: 200, body: memberLogin.memberCode })
    const { shortId, secret, stepSeconds } = fetched.body
    const code = memberCodeForStep(shortId, decodeSecret(secret), stepAt(new Date(), stepSeconds))

    const clerk = await login(`code-clerk-${n++}`, ['clerk'])
    expect(await call(verify, { token: clerk.token, body: { code } })).toMatchObject({
      status: 200,
      body: { memberId, tier: { name: '普通会员' }, points: { available: 30, pending: 0, debt: 0 }, coupons: [] },
    })
  })

  it('refuses members and admins, bad bodies and bad codes with 4xx, writing nothing', async () => {
    const memberLogin = await login(`code-http-${n++}`)
    const admin = await login(`code-admin-${n++}`, ['admin'])
    const clerk = await login(`code-clerk-${n++}`, ['clerk'])
    // Refused scans still count against the clerk's per-minute limit (that is the limit's point); nothing else is written.
    const writes = async () => (await tableSnapshot()).filter((i) => !String(i.pk).startsWith('RATE#'))
    const before = await writes()
    expect((await call(verify, { token: memberLogin.token, body: { code: '12345678901234' } })).status).toBe(403)
    expect((await call(verify, { token: admin.token, body: { code: '12345678901234' } })).status).toBe(403)
    expect((await call(verify, { token: clerk.token, body: {} })).status).toBe(400)
    expect(await call(verify, { token: clerk.token, body: { code: '123' } })).toMatchObject({ status: 400, body: { error: { code: 'member_code.malformed' } } })
    expect(await call(verify, { token: clerk.token, body: { code: '12345678901234' } })).toMatchObject({ status: 422, body: { error: { code: 'member_code.invalid' } } })
    expect(await writes()).toEqual(before)
  })

  it('rotates on request', async () => {
    const memberLogin = await login(`code-http-${n++}`)
    const rotated = await call(rotateMemberCode, { token: memberLogin.token })
    expect(rotated).toMatchObject({ status: 200, body: { shortId: memberLogin.memberCode.shortId, version: 2 } })
  })
})
