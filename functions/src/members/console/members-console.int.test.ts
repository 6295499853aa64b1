import { randomUUID } from 'node:crypto'
import { decodeSecret, memberCodeForStep, stepAt } from '@siyu/shared/rules/member-code'
import { defaultProgramRules } from '@siyu/shared/rules/program-rules'
import { MemberDetail, MemberSearchPage } from '@siyu/shared/schemas/console'
import { call, tableSnapshot, useIntegrationEnv, type CallResult } from '../../../../test/integration'
import { getDeps } from '../../lib/deps'
import { bind, countingTable, member as referralMember, T0 } from '../../referrals/test-fixtures'
import { handler as authDev } from '../handlers/auth-dev'
import { checkinsHandler, couponsHandler, detailHandler, historyHandler, referralsHandler, searchHandler } from '../handlers/console'
import { handler as removeRole } from '../handlers/remove-role'
import { disableStaffHandler } from '../../staff/handlers/admin'
import { createStore } from '../../stores/stores'
import { setConsents, setPhone, updateProfile } from '../members'
import { setRoles } from '../roles'
import { searchMembers } from './member-search'

useIntegrationEnv()

const rules = defaultProgramRules()
interface Login { memberId: string; token: string; memberCode: { shortId: string; secret: string; stepSeconds: number } }

async function login(openid = `console-${randomUUID()}`): Promise<Login> {
  const { body } = await call(authDev, { body: { openid } })
  return { memberId: body.member.id, token: body.token, memberCode: body.memberCode }
}

async function withRoles(roles: ('clerk' | 'manager' | 'admin')[], storeId: string | null): Promise<Login> {
  const openid = `console-${randomUUID()}`
  const first = await login(openid)
  await setRoles(getDeps().table, first.memberId, { roles, storeId }, new Date())
  return login(openid)
}

const deps = () => ({ ...getDeps(), piiKey: getDeps().config.piiKey })

/** A consenting member with a profile and, optionally, a phone bound through the member's own code path. */
async function shopper(profile: { nickname?: string; birthday?: string } = {}, phone?: string): Promise<Login> {
  const l = await login()
  await setConsents(getDeps(), l.memberId, { privacyPolicyVersion: rules.privacy.policyVersion, marketing: true, personalisation: false }, rules)
  if (Object.keys(profile).length) await updateProfile(getDeps(), l.memberId, profile, rules)
  if (phone) await setPhone(deps(), l.memberId, phone, rules)
  return l
}

const people = {} as Record<'admin' | 'manager' | 'clerk' | 'member' | 'disabledManager' | 'demotedAdmin', Login>

beforeAll(async () => {
  await createStore(getDeps().table, { storeId: 'store-1', name: '一店', city: '上海', createdAt: new Date().toISOString() })
  people.admin = await withRoles(['admin'], null)
  people.manager = await withRoles(['manager'], 'store-1')
  people.clerk = await withRoles(['clerk'], 'store-1')
  people.member = await login()
  people.disabledManager = await withRoles(['manager'], 'store-1')
  expect((await call(disableStaffHandler, { token: people.admin.token, params: { memberId: people.disabledManager.memberId } })).status).toBe(200)
  people.demotedAdmin = await withRoles(['admin'], null)
  expect((await call(removeRole, { method: 'DELETE', token: people.admin.token, params: { memberId: people.demotedAdmin.memberId, role: 'admin' } })).status).toBe(200)
})

const search = async (q: string, extra: Record<string, string> = {}, who: Login = people.manager) => {
  const res = await call<MemberSearchPage>(searchHandler, { token: who.token, query: { q, ...extra } })
  expect(res.status).toBe(200)
  return res.body
}
const ids = (page: MemberSearchPage) => page.items.map((i) => i.member.id)

describe('GET /v1/admin/members: search', () => {
  it('finds a full phone number exactly through its hash index, reading only the index item and the rows', async () => {
    const m = await shopper({ nickname: '电话会员' }, '13911110001')
    expect(await search('13911110001')).toMatchObject({ matchedBy: 'phone', items: [{ member: { id: m.memberId, name: '电话会员', phone: '139****0001' } }], nextCursor: null })
    expect(await search('139 1111 0001')).toMatchObject({ matchedBy: 'phone', items: [{ member: { id: m.memberId } }] })
    const counting = countingTable()
    const page = await searchMembers({ table: counting.table, piiKey: getDeps().config.piiKey }, rules, { q: '13911110001', limit: 20 })
    expect(ids(page)).toEqual([m.memberId])
    // One index item, then the member, its tier (absent) and its account (absent): never a scan.
    expect(counting.itemsRead()).toBeLessThanOrEqual(3)
  })

  it('treats a partial number as a nickname prefix, not a scan of phones', async () => {
    await shopper({}, '13911110002')
    expect(await search('1391111')).toEqual({ matchedBy: 'nickname', items: [], nextCursor: null })
  })

  it('lists every member sharing a number; a re-bind moves the member’s index item', async () => {
    const [a, b] = [await shopper({ nickname: '甲' }, '13922220001'), await shopper({ nickname: '乙' }, '13922220001')]
    expect(ids(await search('13922220001')).sort()).toEqual([a.memberId, b.memberId].sort())
    await setPhone(deps(), a.memberId, '13922220002', rules)
    expect(ids(await search('13922220001'))).toEqual([b.memberId])
    expect(ids(await search('13922220002'))).toEqual([a.memberId])
    const indexItems = (await tableSnapshot()).filter((i) => i.type === 'phoneIndex' && i.memberId === a.memberId)
    expect(indexItems).toHaveLength(1)
  })

  it('finds a member by the code shown at the till, by its short id and by member id', async () => {
    const m = await shopper({ nickname: '会员码' })
    const code = memberCodeForStep(m.memberCode.shortId, decodeSecret(m.memberCode.secret), stepAt(new Date(), m.memberCode.stepSeconds))
    expect(await search(code)).toMatchObject({ matchedBy: 'member_code', items: [{ member: { id: m.memberId } }] })
    expect(await search(m.memberCode.shortId)).toMatchObject({ matchedBy: 'short_id', items: [{ member: { id: m.memberId } }] })
    expect(await search(m.memberId)).toMatchObject({ matchedBy: 'member_id', items: [{ member: { id: m.memberId }, tier: { code: 'base', name: '普通会员' }, available: 0, debt: 0, roles: ['member'] }] })
    expect(await search('m_doesnotexist00')).toEqual({ matchedBy: 'member_id', items: [], nextCursor: null })
    expect(await search('00000000')).toEqual({ matchedBy: 'short_id', items: [], nextCursor: null })
  })

  it('pages a nickname prefix (NFKC, case-insensitive) by cursor; a forged cursor is 400', async () => {
    const made = [await shopper({ nickname: 'Ｌｉｎ小一' }), await shopper({ nickname: 'lin小二' }), await shopper({ nickname: 'LIN小三' })]
    const first = await search('lin小', { limit: '2' })
    expect(first).toMatchObject({ matchedBy: 'nickname', nextCursor: expect.any(String) })
    expect(first.items).toHaveLength(2)
    const second = await search('lin小', { limit: '2', cursor: first.nextCursor! })
    expect(second.nextCursor).toBeNull()
    expect([...ids(first), ...ids(second)].sort()).toEqual(made.map((m) => m.memberId).sort())
    expect((await search('LIN小一')).items.map((i) => i.member.name)).toEqual(['Ｌｉｎ小一'])
    for (const cursor of ['garbage', first.nextCursor!]) {
      const q = cursor === 'garbage' ? 'lin小' : '13900000000' // an exact search never issued a cursor
      expect((await call(searchHandler, { token: people.manager.token, query: { q, cursor } })).status).toBe(400)
    }
    expect((await call(searchHandler, { token: people.manager.token, query: { q: ' ' } })).status).toBe(400)
  })

  it('moves the nickname index with the nickname: the old name no longer finds the member', async () => {
    const m = await shopper({ nickname: '旧名字' })
    await updateProfile(getDeps(), m.memberId, { nickname: '新名字' }, rules)
    expect(ids(await search('旧名'))).toEqual([])
    expect(ids(await search('新名'))).toEqual([m.memberId])
    expect((await tableSnapshot()).filter((i) => i.type === 'nicknameIndex' && i.memberId === m.memberId)).toHaveLength(1)
  })
})

describe('GET /v1/admin/members/{memberId}', () => {
  it('shows the profile masked, tier, points, consents, referral and short id', async () => {
    const referrerId = await referralMember()
    const inviteeId = await referralMember(T0)
    await bind(inviteeId, referrerId)
    await updateProfile(getDeps(), referrerId, { nickname: '邀请人' }, rules)
    await updateProfile(getDeps(), inviteeId, { nickname: '新朋友', birthday: '1990-05-06' }, rules)
    await setPhone(deps(), inviteeId, '13933330001', rules)
    const res = await call<MemberDetail>(detailHandler, { token: people.manager.token, params: { memberId: inviteeId } })
    expect(res.status).toBe(200)
    expect(MemberDetail.parse(res.body)).toEqual(res.body)
    expect(res.body).toMatchObject({
      member: { id: inviteeId, name: '新朋友', phone: '139****0001' }, birthday: '05-06', roles: ['member'],
      tier: { code: 'base', name: '普通会员', growthFen: 0, next: { code: 'silver', name: '银卡会员', thresholdFen: 100_000 }, reviewOn: null },
      points: { available: 0, pending: 0, debt: 0 }, consents: { marketing: { optIn: false } }, staff: null,
      referral: { referrer: { id: referrerId, name: '邀请人' }, invited: { joined: 0, qualified: 0, rejected: 0 } },
    })
    const referrer = await call<MemberDetail>(detailHandler, { token: people.admin.token, params: { memberId: referrerId } })
    expect(referrer.body.referral).toEqual({ referrer: null, invited: { joined: 1, qualified: 0, rejected: 0 } })
  })

  it('shows staff rights with the store’s name, also once disabled; 404 for nobody', async () => {
    const clerk = await call<MemberDetail>(detailHandler, { token: people.admin.token, params: { memberId: people.clerk.memberId } })
    expect(clerk.body).toMatchObject({ staff: { role: 'clerk', store: { id: 'store-1', name: '一店' }, disabled: false }, shortId: people.clerk.memberCode.shortId })
    const disabled = await call<MemberDetail>(detailHandler, { token: people.admin.token, params: { memberId: people.disabledManager.memberId } })
    expect(disabled.body.staff).toEqual({ role: 'manager', store: { id: 'store-1', name: '一店' }, disabled: true })
    expect(await call(detailHandler, { token: people.admin.token, params: { memberId: 'm_doesnotexist00' } })).toMatchObject({ status: 404, body: { error: { code: 'member.not_found' } } })
  })

  it('reads the member’s lists with the member-side functions, for the path’s member', async () => {
    const m = await shopper({ nickname: '列表' })
    const token = people.manager.token
    const params = { memberId: m.memberId }
    expect(await call(historyHandler, { token, params })).toMatchObject({ status: 200, body: { items: [], nextCursor: null } })
    expect(await call(couponsHandler, { token, params })).toMatchObject({ status: 200, body: { items: [] } })
    expect(await call(checkinsHandler, { token, params })).toMatchObject({ status: 200, body: { checkedInToday: false } })
    expect(await call(referralsHandler, { token, params })).toMatchObject({ status: 200, body: { items: [], nextCursor: null } })
    for (const handler of [historyHandler, couponsHandler, checkinsHandler, referralsHandler]) {
      expect((await call(handler, { token, params: { memberId: 'm_doesnotexist00' } })).status).toBe(404)
    }
  })
})

describe('authorisation', () => {
  const routes: [string, (w: Login) => Promise<CallResult>][] = [
    ['search', (w) => call(searchHandler, { token: w.token, query: { q: '13911110001' } })],
    ['detail', (w) => call(detailHandler, { token: w.token, params: { memberId: people.member.memberId } })],
    ['history', (w) => call(historyHandler, { token: w.token, params: { memberId: people.member.memberId } })],
    ['coupons', (w) => call(couponsHandler, { token: w.token, params: { memberId: people.member.memberId } })],
    ['check-ins', (w) => call(checkinsHandler, { token: w.token, params: { memberId: people.member.memberId } })],
    ['referrals', (w) => call(referralsHandler, { token: w.token, params: { memberId: people.member.memberId } })],
  ]
  const hostile = ['clerk', 'member', 'disabledManager', 'demotedAdmin'] as const
  it.each(routes.flatMap(([name, run]) => hostile.map((who) => [name, who, run] as const)))('%s refuses %s with 403 and writes nothing', async (_name, who, run) => {
    const before = await tableSnapshot()
    expect(await run(people[who])).toMatchObject({ status: 403, body: { error: { code: 'auth.forbidden' } } })
    expect(await tableSnapshot()).toEqual(before)
  })
  it.each(routes)('%s answers an admin and a manager of any store', async (_name, run) => {
    expect((await run(people.admin)).status).toBe(200)
    expect((await run(people.manager)).status).toBe(200)
  })
})
