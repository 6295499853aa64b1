import { call, tableSnapshot, useIntegrationEnv } from '../../../test/integration'
import { getDeps, overrideDeps, resetDeps } from '../lib/deps'
import { useWechatClient } from '../wechat/container'
import { handler as authWechat } from './handlers/auth-wechat'
import { handler as authDev } from './handlers/auth-dev'
import { handler as getMe } from './handlers/get-me'
import { handler as updateMe } from './handlers/update-me'
import { handler as bindPhone } from './handlers/bind-phone'
import { handler as putConsents } from './handlers/put-consents'
import { loginByOpenid } from './members'
import { defaultProgramRules } from '@siyu/shared/rules/program-rules'

useIntegrationEnv()

const policyVersion = defaultProgramRules().privacy.policyVersion
let seq = 0
const uniqueOpenid = () => `openid-${Date.now().toString(36)}-${seq++}`

async function devLogin(openid = uniqueOpenid()) {
  const res = await call(authDev, { body: { openid } })
  expect(res.status).toBe(200)
  return res.body as { token: string; member: { id: string; needsConsent: boolean }; isNew: boolean }
}

async function consentedMember() {
  const login = await devLogin()
  const res = await call(putConsents, { method: 'PUT', token: login.token, body: { privacyPolicyVersion: policyVersion, marketing: false, personalisation: true } })
  expect(res.status).toBe(200)
  return login
}

describe('WeChat login', () => {
  it('creates the member on first login and finds it again on the next, keeping the unionid', async () => {
    const first = await call(authWechat, { body: { code: 'test:wx-user-1' } })
    expect(first.status).toBe(200)
    expect(first.body).toMatchObject({ isNew: true, member: { roles: ['member'], needsConsent: true, phone: null } })
    expect(first.body.token).toMatch(/^ey/)

    const again = await call(authWechat, { body: { code: 'test:wx-user-1#2' } })
    expect(again.body.member.id).not.toBe(first.body.member.id) // a different code is a different openid
    const sameOpenid = await call(authWechat, { body: { code: 'test:wx-user-1' } }) // code reuse is refused
    expect(sameOpenid.status).toBe(401)

    const items = await tableSnapshot()
    const member = items.find((i) => i.memberId === first.body.member.id && i.sk === 'PROFILE')
    expect(member).toMatchObject({ openid: 'wx-user-1', unionid: expect.stringMatching(/^u/), gsi1pk: expect.stringMatching(/^UNIONID#/) })
  })

  it('answers an invalid code with 401 and writes nothing', async () => {
    const before = await tableSnapshot()
    const res = await call(authWechat, { body: { code: 'invalid' } })
    expect(res).toMatchObject({ status: 401, body: { error: { code: 'auth.wechat_code_invalid' } } })
    expect(await tableSnapshot()).toEqual(before)
  })

  it('answers 502 when WeChat cannot be reached', async () => {
    const deps = getDeps()
    const { createWechatClient } = await import('../wechat/client')
    useWechatClient(createWechatClient({ ...deps.config.wechat, baseUrl: 'http://127.0.0.1:1', clock: deps.clock, store: { table: deps.table, sealKey: deps.config.piiKey } }), deps.table)
    try {
      const res = await call(authWechat, { body: { code: 'test:unreachable' } })
      expect(res).toMatchObject({ status: 502, body: { error: { code: 'wechat.unavailable' } } })
    } finally {
      useWechatClient(undefined)
    }
  })

  it('creates exactly one member when the first logins of one openid race', async () => {
    const openid = uniqueOpenid()
    const results = await Promise.all(Array.from({ length: 25 }, () => loginByOpenid(getDeps(), { openid })))
    expect(new Set(results.map((r) => r.member.memberId)).size).toBe(1)
    expect(results.filter((r) => r.isNew)).toHaveLength(1)
    const members = (await tableSnapshot()).filter((i) => i.type === 'member' && i.openid === openid)
    expect(members).toHaveLength(1)
  })
})

describe('dev login', () => {
  it('works in the local stack and returns the same member for the same openid', async () => {
    const a = await devLogin('dev-same')
    const b = await devLogin('dev-same')
    expect(b.member.id).toBe(a.member.id)
    expect([a.isNew, b.isNew]).toEqual([true, false])
  })

  // Only the local stack's flag opens it: a deployed stage named `test` or `local` gets nothing.
  it.each(['test', 'local', 'prod'])('does not exist outside the local stack, even on a stage named %s (404), and writes nothing', async (stage) => {
    const deps = getDeps()
    overrideDeps({ config: { ...deps.config, stage, localStack: false } as typeof deps.config })
    try {
      const before = await tableSnapshot()
      const res = await call(authDev, { body: { openid: 'prod-attempt' } })
      expect(res).toMatchObject({ status: 404, body: { error: { code: 'route.not_found' } } })
      expect(await tableSnapshot()).toEqual(before)
    } finally {
      resetDeps()
    }
  })

  it.each([
    [{}, 'body.openid'],
    [{ openid: 'has space' }, 'body.openid'],
    [{ openid: 'ok', extra: 1 }, 'body'],
  ])('rejects %j with 400 and field details', async (body, path) => {
    const res = await call(authDev, { body })
    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('request.invalid')
    expect(res.body.error.details[0].path).toBe(path)
  })

  it('rejects a body that is not JSON with 400', async () => {
    const res = await call(authDev, { rawBody: '{nope' })
    expect(res).toMatchObject({ status: 400, body: { error: { code: 'request.malformed_json' } } })
  })
})

describe('authentication', () => {
  it.each([
    ['no token', undefined, 'auth.missing_token'],
    ['a garbage token', 'not-a-jwt', 'auth.invalid_token'],
  ])('refuses %s with 401', async (_label, token, code) => {
    const res = await call(getMe, { token })
    expect(res).toMatchObject({ status: 401, body: { error: { code } } })
  })

  it('refuses an expired token', async () => {
    const { token } = await devLogin()
    const deps = getDeps()
    overrideDeps({ clock: () => new Date(Date.now() + (deps.config.sessionTtlSeconds + 60) * 1000) })
    try {
      expect((await call(getMe, { token })).status).toBe(401)
    } finally {
      resetDeps()
    }
  })

  it('refuses a token signed with another secret', async () => {
    const { token } = await devLogin()
    const deps = getDeps()
    overrideDeps({ config: { ...deps.config, sessionSecret: new TextEncoder().encode('x'.repeat(40)) } })
    try {
      expect((await call(getMe, { token })).status).toBe(401)
    } finally {
      resetDeps()
    }
  })
})

describe('profile', () => {
  it('requires the privacy policy before edits (403) and writes nothing', async () => {
    const { token } = await devLogin()
    const before = await tableSnapshot()
    const res = await call(updateMe, { method: 'PATCH', token, body: { nickname: '小王' } })
    expect(res).toMatchObject({ status: 403, body: { error: { code: 'member.consent_required' } } })
    expect(await tableSnapshot()).toEqual(before)
  })

  it('edits nickname and avatar and returns the member', async () => {
    const { token } = await consentedMember()
    const res = await call(updateMe, { method: 'PATCH', token, body: { nickname: ' 小王 ', avatarUrl: 'https://img.example.com/a.png' } })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ nickname: '小王', avatarUrl: 'https://img.example.com/a.png', needsConsent: false })
    expect((await call(getMe, { token })).body.nickname).toBe('小王')
  })

  it('stores a nickname in NFC, so the same name is always the same string; emoji pairs are fine', async () => {
    const { token } = await consentedMember()
    const res = await call(updateMe, { method: 'PATCH', token, body: { nickname: 'Ame\u0301lie 😀' } })
    expect(res).toMatchObject({ status: 200, body: { nickname: 'Am\u00e9lie 😀' } })
    expect((await call(getMe, { token })).body.nickname).toBe('Am\u00e9lie 😀')
  })

  it('sets the birthday once; the same date again is fine, another date is 409 and writes nothing', async () => {
    const { token } = await consentedMember()
    expect((await call(updateMe, { method: 'PATCH', token, body: { birthday: '1990-05-20' } })).body.birthday).toBe('1990-05-20')
    expect((await call(updateMe, { method: 'PATCH', token, body: { birthday: '1990-05-20' } })).status).toBe(200)
    const before = await tableSnapshot()
    const res = await call(updateMe, { method: 'PATCH', token, body: { birthday: '1991-01-01', nickname: '改名' } })
    expect(res).toMatchObject({ status: 409, body: { error: { code: 'member.birthday_locked' } } })
    expect(await tableSnapshot()).toEqual(before)
  })

  it.each([
    [{}, '至少需要修改一项'],
    [{ nickname: '' }, '昵称不能为空'],
    [{ birthday: '2999-01-01' }, '生日不能晚于今天'],
    [{ birthday: '1990-02-30' }, undefined],
    [{ avatarUrl: 'javascript:alert(1)' }, undefined],
    [{ roles: ['admin'] }, undefined],
    [{ nickname: '小\u0000王' }, '昵称不能包含控制字符'],
    [{ nickname: '小王\u0007' }, '昵称不能包含控制字符'],
    [{ nickname: 'abc\u0085' }, '昵称不能包含控制字符'],
    [{ nickname: '\u202Egnp.exe' }, '昵称不能包含文字方向控制字符'],
    [{ nickname: '王\u2066小\u2069' }, '昵称不能包含文字方向控制字符'],
    [{ nickname: '小王\uD800' }, '昵称含有无效字符'],
    [{ nickname: '\uDC00小王' }, '昵称含有无效字符'],
  ])('rejects %j with 400 and writes nothing', async (body, message) => {
    const { token } = await consentedMember()
    const before = await tableSnapshot()
    const res = await call(updateMe, { method: 'PATCH', token, body })
    expect(res.status).toBe(400)
    if (message) expect(res.body.error.message).toContain(message)
    expect(await tableSnapshot()).toEqual(before)
  })
})

describe('phone number', () => {
  it('binds the phone through WeChat, stores it encrypted and returns it masked', async () => {
    const { token, member } = await consentedMember()
    const res = await call(bindPhone, { token, body: { code: 'phone:13912345678' } })
    expect(res.status).toBe(200)
    expect(res.body.phone).toBe('139****5678')
    const item = (await tableSnapshot()).find((i) => i.memberId === member.id && i.sk === 'PROFILE')!
    expect(JSON.stringify(item)).not.toContain('13912345678')
    expect(item.phoneEnc).toMatch(/^v1\./)
  })

  it('answers an invalid phone code with 422 and writes nothing', async () => {
    const { token } = await consentedMember()
    const before = await tableSnapshot()
    const res = await call(bindPhone, { token, body: { code: 'invalid' } })
    expect(res).toMatchObject({ status: 422, body: { error: { code: 'wechat.phone_code_invalid' } } })
    expect(await tableSnapshot()).toEqual(before)
  })
})

describe('consents', () => {
  it('records the policy version and each opt-in with its time, keeping unchanged choices', async () => {
    const { token } = await devLogin()
    const first = await call(putConsents, { method: 'PUT', token, body: { privacyPolicyVersion: policyVersion, marketing: true, personalisation: false } })
    expect(first.body).toMatchObject({ needsConsent: false, consents: { privacyPolicyVersion: policyVersion, marketing: { optIn: true }, personalisation: { optIn: false } } })
    await new Promise((r) => setTimeout(r, 5))
    const second = await call(putConsents, { method: 'PUT', token, body: { privacyPolicyVersion: policyVersion, marketing: false, personalisation: false } })
    expect(second.body.consents.personalisation.at).toBe(first.body.consents.personalisation.at)
    expect(second.body.consents.privacyAcceptedAt).toBe(first.body.consents.privacyAcceptedAt)
    expect(second.body.consents.marketing.at > first.body.consents.marketing.at).toBe(true)
  })

  it('refuses an outdated policy version with 422 and writes nothing', async () => {
    const { token } = await devLogin()
    const before = await tableSnapshot()
    const res = await call(putConsents, { method: 'PUT', token, body: { privacyPolicyVersion: '2020-01-01', marketing: true, personalisation: true } })
    expect(res).toMatchObject({ status: 422, body: { error: { code: 'consent.policy_outdated', details: { currentVersion: policyVersion } } } })
    expect(await tableSnapshot()).toEqual(before)
  })
})
