import { defaultProgramRules } from '@siyu/shared/rules/program-rules'
import { call, tableSnapshot, useIntegrationEnv } from '../../../test/integration'
import { getDeps } from '../lib/deps'
import { loginByOpenid } from '../members/members'
import { setRoles } from '../members/roles'
import { handler as authDev } from '../members/handlers/auth-dev'
import { handler as getProgram } from './handlers/get-program'
import { handler as getOpenApi } from './handlers/get-openapi'
import { getHandler as getAdminProgram, putHandler as putAdminProgram } from './handlers/admin-program'
import { clearRulesCache } from './rules-repo'

useIntegrationEnv()

async function tokenFor(openid: string, roles: ('clerk' | 'manager' | 'admin')[] = [], storeId: string | null = null) {
  const { member } = await loginByOpenid(getDeps(), { openid })
  if (roles.length) await setRoles(getDeps().table, member.memberId, { roles, storeId }, new Date())
  return (await call(authDev, { body: { openid } })).body.token as string
}

const { version: _v, ...defaults } = defaultProgramRules()

describe('program rules', () => {
  it('serves the public part of the default rules to anyone', async () => {
    const res = await call(getProgram)
    expect(res.status).toBe(200)
    expect(res.body).toEqual({
      version: 1,
      brand: { name: '思域会员' },
      privacy: { policyVersion: '2026-11-01', policyUrl: '/pages/privacy/index' },
      checkin: { basePoints: 10, cycleDays: 7, bonuses: [{ day: 7, points: 30 }], makeup: { costPoints: 20, maxPerMonth: 2 } },
      memberCode: { stepSeconds: 30 },
      tiers: [
        { code: 'base', name: '普通会员', thresholdFen: 0, multiplierPercent: 100, memberDayBonusPercent: 0 },
        { code: 'silver', name: '银卡会员', thresholdFen: 100_000, multiplierPercent: 120, memberDayBonusPercent: 50 },
        { code: 'gold', name: '金卡会员', thresholdFen: 500_000, multiplierPercent: 150, memberDayBonusPercent: 50 },
        { code: 'diamond', name: '钻石会员', thresholdFen: 2_000_000, multiplierPercent: 200, memberDayBonusPercent: 100 },
      ],
      memberDay: { weekday: 3 },
      referrals: { referrerPoints: 100, inviteePoints: 50, qualifyingFen: 5000, qualifyWithinDays: 30, attributionDays: 7 },
      earning: { pointsPerYuan: 1 },
      points: { expiryMonths: 12, returnWindowDays: 7, expiringSoonDays: 30 },
      till: { redeemPointsPerYuan: 100, maxRedeemPointsPerOrder: 10_000, managerApprovalFen: 500_000, voidWindowMinutes: 15 },
      notices: [],
    })
    expect(res.headers['access-control-allow-origin']).toBe('*')
  })

  it.each([
    ['member', []],
    ['clerk', ['clerk']],
    ['manager', ['manager']],
  ] as const)('refuses a %s on admin routes with 403 and writes nothing', async (label, roles) => {
    const token = await tokenFor(`program-${label}`, [...roles], roles.length ? 'store-1' : null)
    const before = await tableSnapshot()
    expect((await call(getAdminProgram, { token })).status).toBe(403)
    const put = await call(putAdminProgram, { method: 'PUT', token, body: { baseVersion: 1, rules: defaults } })
    expect(put).toMatchObject({ status: 403, body: { error: { code: 'auth.forbidden' } } })
    expect(await tableSnapshot()).toEqual(before)
  })

  it('lets an admin publish versions, refusing a stale base version with 409', async () => {
    const token = await tokenFor('program-admin', ['admin'])
    expect((await call(getAdminProgram, { token })).body.version).toBe(1)

    const edited = { ...defaults, checkin: { basePoints: 15 } }
    const v2 = await call(putAdminProgram, { method: 'PUT', token, body: { baseVersion: 1, rules: edited } })
    expect(v2.status).toBe(200)
    expect(v2.body).toMatchObject({ version: 2, checkin: { basePoints: 15 } })
    clearRulesCache()
    expect((await call(getProgram)).body.checkin.basePoints).toBe(15)

    const before = await tableSnapshot()
    const stale = await call(putAdminProgram, { method: 'PUT', token, body: { baseVersion: 1, rules: defaults } })
    expect(stale).toMatchObject({ status: 409, body: { error: { code: 'rules.version_conflict' } } })
    expect(await tableSnapshot()).toEqual(before)
    expect(before.filter((i) => i.pk === 'PROGRAM').map((i) => i.sk)).toEqual(['RULES', 'RULES#000002'])
  })

  it('records who published a version, with its audit entry in the same transaction', async () => {
    const adminToken = await tokenFor('program-admin-who', ['admin'])
    const { version: base, ...rules } = (await call(getAdminProgram, { token: adminToken })).body
    const res = await call(putAdminProgram, { method: 'PUT', token: adminToken, body: { baseVersion: base, rules: { ...rules, earning: { pointsPerYuan: 2 } } } })
    expect(res.status).toBe(200)
    const items = await tableSnapshot()
    const version = items.find((i) => i.pk === 'PROGRAM' && i.sk === `RULES#${String(res.body.version).padStart(6, '0')}`)
    const { memberId } = await loginByOpenid(getDeps(), { openid: 'program-admin-who' }).then((r) => r.member)
    expect(version).toMatchObject({ publishedBy: memberId, scheduledChangeId: null })
    const audit = items.filter((i) => String(i.pk).startsWith('AUDIT#') && i.action === 'rules.publish' && i.actorId === memberId)
    expect(audit).toEqual([expect.objectContaining({ auditId: `rules.publish:v${res.body.version}`, detail: `版本 ${res.body.version}：积分规则 › 每消费 1 元积分：1 积分 → 2 积分` })])
  })

  it.each([
    [{ baseVersion: 1, rules: { ...defaults, checkin: { basePoints: -1 } } }, 'body.rules.checkin.basePoints'],
    [{ baseVersion: 1, rules: { ...defaults, lifecycle: { silentAfterDays: 90, churnedAfterDays: 30 } } }, 'body.rules.lifecycle'],
    [{ rules: defaults }, 'body.baseVersion'],
  ])('refuses invalid rules %# with 400 and writes nothing', async (body, path) => {
    const token = await tokenFor('program-admin-2', ['admin'])
    const before = await tableSnapshot()
    const res = await call(putAdminProgram, { method: 'PUT', token, body })
    expect(res.status).toBe(400)
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path)
    expect(await tableSnapshot()).toEqual(before)
  })
})

describe('OpenAPI document', () => {
  it('describes every route of the contract with its schemas', async () => {
    const res = await call(getOpenApi)
    expect(res.status).toBe(200)
    expect(res.body.openapi).toBe('3.0.3')
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/v1/auth/wechat', '/v1/me', '/v1/me/consents', '/v1/admin/program']))
    const patchMe = res.body.paths['/v1/me'].patch
    expect(patchMe.requestBody.content['application/json'].schema.properties).toHaveProperty('birthday')
    expect(patchMe.responses['401']).toBeDefined()
    expect(res.body.paths['/v1/program'].get.security).toEqual([])
  })
})
