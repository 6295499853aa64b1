import { randomUUID } from 'node:crypto'
import type { DynamoDBStreamEvent } from 'aws-lambda'
import { UpdateCommand } from '@aws-sdk/lib-dynamodb'
import { defaultProgramRules } from '@siyu/shared/rules/program-rules'
import type { Overview } from '@siyu/shared/schemas/console'
import { call, useIntegrationEnv } from '../../../test/integration'
import { useStreamConsumer } from '../../../test/stream'
import { memberCodeOf, tillAt } from '../../../test/till'
import { startStreamPoller } from '../../../scripts/lib/stream-poller'
import { accountsScanPage, type AccountItem } from '../entities/account'
import { getMemberItem } from '../entities/member'
import { readStoreDay } from '../entities/store-day'
import { consumeChanges } from '../events/consume'
import { handler as streamHandler } from '../events/handlers/stream'
import { getDeps } from '../lib/deps'
import { randomIds } from '../lib/ids'
import { keys } from '../lib/keys'
import type { Session } from '../lib/session'
import { handler as authDev } from '../members/handlers/auth-dev'
import { loginByOpenid, setConsents } from '../members/members'
import { setRoles } from '../members/roles'
import { checkIn } from '../checkin/checkin'
import { claimCoupon } from '../coupons/claim'
import { holdCoupon } from '../coupons/till'
import { createTemplate } from '../coupons/templates'
import { recordPurchase } from '../staff/purchase'
import { redeemPoints } from '../staff/redemption'
import { voidAction } from '../staff/void'
import { createStore } from '../stores/stores'
import { handler as meHandler } from './handlers/console-me'
import { handler as overviewHandler } from './handlers/overview'
import { getOverview } from './overview'

const env = useIntegrationEnv({ stream: true })
const stream = useStreamConsumer(env)
const rules = defaultProgramRules()

interface Login { memberId: string; token: string }
async function login(openid = `ov-${randomUUID()}`): Promise<Login> {
  const { body } = await call(authDev, { body: { openid } })
  return { memberId: body.member.id, token: body.token }
}
async function staff(roles: ('clerk' | 'manager' | 'admin')[], storeId: string | null): Promise<Login> {
  const openid = `ov-staff-${randomUUID()}`
  const first = await login(openid)
  await setRoles(getDeps().table, first.memberId, { roles, storeId }, new Date())
  return login(openid)
}

type Who = 'member' | 'clerk' | 'manager' | 'admin' | 'disabledManager' | 'demotedAdmin'
const people = {} as Record<Who, Login>

beforeAll(async () => {
  for (const [id, name] of [['store-1', '一店'], ['store-2', '二店']]) await createStore(getDeps().table, { storeId: id, name, city: '上海', createdAt: new Date().toISOString() })
  people.member = await login()
  people.clerk = await staff(['clerk'], 'store-1')
  people.manager = await staff(['manager'], 'store-1')
  people.admin = await staff(['admin'], null)
  // Tokens issued before the table changed: the token still says manager / admin.
  people.disabledManager = await staff(['manager'], 'store-1')
  await getDeps().table.db.send(new UpdateCommand({
    TableName: env.tableName, Key: keys.member(people.disabledManager.memberId), UpdateExpression: 'SET staffDisabled = :t', ExpressionAttributeValues: { ':t': true },
  }))
  people.demotedAdmin = await staff(['admin'], null)
  await setRoles(getDeps().table, people.demotedAdmin.memberId, { roles: [], storeId: null }, new Date())
})

const asSession = (l: Login) => ({ memberId: l.memberId, roles: [], storeId: null }) as Session
const overviewAt = async (iso: string, who: Login = people.admin, storeId?: string): Promise<Overview> => {
  await stream.settled()
  return getOverview({ table: getDeps().table, clock: () => new Date(iso) }, rules, asSession(who), storeId ? { storeId } : {})
}
const minus = (a: Overview['today'], b: Overview['today']) =>
  Object.fromEntries(Object.entries(a).map(([k, v]) => [k, v === null ? null : v - (b[k as keyof typeof b] as number)]))

async function newMember(iso: string): Promise<string> {
  const deps = { ...getDeps(), clock: () => new Date(iso) }
  const { member } = await loginByOpenid(deps, { openid: `ov-m-${randomUUID()}` })
  await setConsents(deps, member.memberId, { privacyPolicyVersion: rules.privacy.policyVersion, marketing: false, personalisation: false }, rules)
  return member.memberId
}

async function publicTemplate(iso: string): Promise<string> {
  const t = await createTemplate({ table: getDeps().table, clock: () => new Date(iso), ids: randomIds }, {
    title: `概览券-${randomUUID().slice(0, 6)}`, description: '', benefit: { kind: 'fixed', amountOffFen: 500 }, stores: 'all',
    validity: { type: 'days', days: 30 }, totalStock: 10, perMemberLimit: 5, channel: { type: 'public' }, paused: false, returnOnRefund: true,
  }, { adminId: people.admin.memberId, idempotencyKey: `k-${randomUUID()}` })
  return t.id
}

/** A purchase at store-1 paying with a claimed coupon (held first, as the till does). */
async function buyWithCoupon(memberId: string, code: string, amountFen: number, iso: string) {
  const at = new Date(iso)
  const orderId = `ov-${randomUUID().slice(0, 12)}`
  const ctx = tillAt(at)
  await holdCoupon({ table: ctx.table, clock: ctx.clock, requestId: ctx.requestId, rules: ctx.rules }, { staffId: ctx.staff.staffId, storeId: ctx.staff.storeId }, code, orderId, amountFen)
  return recordPurchase(ctx, { memberCode: await memberCodeOf(memberId, at), orderId, amountFen, couponCode: code })
}

const D = '2026-05-12T02:00:00.000Z' // 10:00 in Shanghai

describe('the brand overview', () => {
  it('counts the day’s joins, purchases, check-ins, claims and redemptions once the stream has them', async () => {
    const before = await overviewAt(D)
    const m = await newMember(D)
    await checkIn({ ...getDeps(), clock: () => new Date(D) }, rules, m)
    const sale = await recordPurchase(tillAt(new Date(D)), { memberCode: await memberCodeOf(m, new Date(D)), orderId: `ov-${randomUUID().slice(0, 12)}`, amountFen: 12_345 })
    const tpl = await publicTemplate(D)
    const { coupon } = await claimCoupon({ table: getDeps().table, clock: () => new Date(D) }, { memberId: m, templateId: tpl, idempotencyKey: `k-${randomUUID()}` })
    const withCoupon = await buyWithCoupon(m, coupon.code, 6_000, '2026-05-12T02:05:00.000Z')
    await redeemPoints(tillAt(new Date('2026-05-12T02:10:00.000Z')), { memberCode: await memberCodeOf(m, new Date('2026-05-12T02:10:00.000Z')), orderId: `ov-${randomUUID().slice(0, 12)}`, points: 4 })
    const after = await overviewAt('2026-05-12T03:00:00.000Z')

    const expected = {
      membersJoined: 1, purchases: 2, purchaseFen: 18_345, pointsIssued: rules.checkin.basePoints + sale.points + withCoupon.points,
      pointsRedeemed: 4, couponsClaimed: 1, couponsRedeemed: 1,
    }
    expect(minus(after.today, before.today)).toEqual(expected)
    expect(minus(after.thisMonth, before.thisMonth)).toEqual(expected)
    expect(after).toMatchObject({ store: null, date: '2026-05-12', month: '2026-05', asOf: '2026-05-12T03:00:00.000Z' })
    // Another day of the month: its "today" has none of it, its month all of it.
    const later = await overviewAt('2026-05-20T03:00:00.000Z')
    expect(minus(later.thisMonth, before.thisMonth)).toEqual(expected)
  })

  it('takes a voided purchase and its returned coupon back from the purchase’s own day, even across midnight', async () => {
    const lateEvening = '2026-05-13T15:55:00.000Z' // 23:55 on the 13th in Shanghai
    const m = await newMember('2026-05-13T01:00:00.000Z')
    const tpl = await publicTemplate('2026-05-13T01:00:00.000Z')
    const { coupon } = await claimCoupon({ table: getDeps().table, clock: () => new Date('2026-05-13T01:00:00.000Z') }, { memberId: m, templateId: tpl, idempotencyKey: `k-${randomUUID()}` })
    const before13 = await overviewAt('2026-05-13T15:56:00.000Z')
    const sale = await buyWithCoupon(m, coupon.code, 8_000, lateEvening)
    const counted = await overviewAt('2026-05-13T15:57:00.000Z')
    expect(minus(counted.today, before13.today)).toMatchObject({ purchases: 1, purchaseFen: 8_000, pointsIssued: sale.points, couponsRedeemed: 1 })

    await voidAction(tillAt(new Date('2026-05-13T16:05:00.000Z')), sale.actionId) // 00:05 on the 14th
    const on13 = await overviewAt('2026-05-13T15:59:00.000Z')
    expect(minus(on13.today, before13.today)).toMatchObject({ purchases: 0, purchaseFen: 0, pointsIssued: 0, couponsRedeemed: 0 })
    const on14 = await overviewAt('2026-05-14T02:00:00.000Z')
    expect(on14.today).toMatchObject({ purchases: 0, purchaseFen: 0, pointsIssued: 0, couponsRedeemed: 0 })
  })

  it('counts nothing twice when the stream delivers a record again', async () => {
    const m = await newMember(D)
    await recordPurchase(tillAt(new Date(D)), { memberCode: await memberCodeOf(m, new Date(D)), orderId: `ov-${randomUUID().slice(0, 12)}`, amountFen: 3_000 })
    const before = await overviewAt(D)

    // A second reader from the stream's start hands every record to the real handler again (as Lambda does after a failed batch).
    const again = await startStreamPoller({ endpoint: process.env.DYNAMODB_ENDPOINT!, tableName: env.tableName, deliver: (records) => streamHandler({ Records: records } as DynamoDBStreamEvent) })
    await again.settled()
    await again.stop()
    expect(await overviewAt(D)).toEqual(before)

    // The consumer run twice over one change it never saw: counted by the first run only.
    const stored = await getMemberItem(getDeps().table, m)
    const copy = { ...stored!, ...keys.member('m_ovsynthetic0001'), memberId: 'm_ovsynthetic0001', createdAt: '2026-07-02T02:00:00.000Z' }
    const change = { eventName: 'INSERT' as const, newImage: copy as Record<string, unknown> }
    const july = () => overviewAt('2026-07-02T03:00:00.000Z')
    const start = (await july()).today.membersJoined!
    const deps = { table: getDeps().table, clock: () => new Date() }
    expect(await consumeChanges(deps, rules, [change])).toMatchObject({ events: 1 })
    expect((await july()).today.membersJoined).toBe(start + 1)
    await consumeChanges(deps, rules, [change])
    expect((await july()).today.membersJoined).toBe(start + 1)
  })

  it('holds the liability every account holds: the sum of available + pending − debt, valued at the till’s rate', async () => {
    const overview = await overviewAt(D)
    let held = 0
    let start: Record<string, unknown> | undefined
    do {
      const page = await accountsScanPage(getDeps().table, start)
      held += page.items.reduce((n: number, a: AccountItem) => n + a.available + a.pending - a.debt, 0)
      start = page.next
    } while (start)
    expect(held).toBeGreaterThan(0)
    expect(overview.liability).toEqual({ points: held, valueFen: Math.floor((held * 100) / rules.till.redeemPointsPerYuan), redeemPointsPerYuan: rules.till.redeemPointsPerYuan })
  })
})

describe('a store’s overview', () => {
  it('shows a manager their store’s day counters and the month’s sum, with no joins, claims or liability', async () => {
    const m = await newMember(D)
    await recordPurchase(tillAt(new Date('2026-05-03T02:00:00.000Z')), { memberCode: await memberCodeOf(m, new Date('2026-05-03T02:00:00.000Z')), orderId: `ov-${randomUUID().slice(0, 12)}`, amountFen: 1_000 })
    const mine = await overviewAt(D, people.manager)
    const day = await readStoreDay(getDeps().table, 'store-1', '2026-05-12')
    expect(mine).toMatchObject({ store: { id: 'store-1', name: '一店' }, liability: null })
    expect(mine.today).toEqual({
      membersJoined: null, purchases: day.purchases, purchaseFen: day.purchaseFen, pointsIssued: day.pointsIssued, pointsRedeemed: day.pointsRedeemed,
      couponsClaimed: null, couponsRedeemed: day.couponsRedeemed,
    })
    const may3 = await readStoreDay(getDeps().table, 'store-1', '2026-05-03')
    expect(may3.purchases).toBeGreaterThan(0)
    // Every day of the month so far is summed (the 3rd, the 12th, the 13th).
    const days = await Promise.all(['2026-05-03', '2026-05-12', '2026-05-13'].map((d) => readStoreDay(getDeps().table, 'store-1', d)))
    expect(mine.thisMonth.purchases).toBe(days.reduce((n, d) => n + d.purchases, 0))
    expect(mine.thisMonth.purchaseFen).toBe(days.reduce((n, d) => n + d.purchaseFen, 0))
    // An admin asking for the store sees the same; a manager asking for another store is refused.
    expect(await overviewAt(D, people.admin, 'store-1')).toEqual(mine)
    await expect(overviewAt(D, people.manager, 'store-2')).rejects.toMatchObject({ code: 'auth.forbidden' })
    await expect(overviewAt(D, people.admin, 'store-404')).rejects.toMatchObject({ code: 'store.not_found' })
  })
})

describe('GET /v1/admin/overview and /v1/admin/me', () => {
  it('answer admins and managers (a manager: their store) from the table', async () => {
    expect(await call(overviewHandler, { token: people.admin.token })).toMatchObject({ status: 200, body: { store: null, liability: { redeemPointsPerYuan: 100 } } })
    expect(await call(overviewHandler, { token: people.manager.token })).toMatchObject({ status: 200, body: { store: { id: 'store-1' }, liability: null, today: { membersJoined: null } } })
    expect(await call(overviewHandler, { token: people.manager.token, query: { storeId: 'store-1' } })).toMatchObject({ status: 200 })
    expect(await call(overviewHandler, { token: people.manager.token, query: { storeId: 'store-2' } })).toMatchObject({ status: 403, body: { error: { code: 'auth.forbidden' } } })
    expect(await call(meHandler, { token: people.manager.token })).toMatchObject({
      status: 200, body: { operator: { id: people.manager.memberId, name: '未设置昵称' }, role: 'manager', store: { id: 'store-1', name: '一店' } },
    })
    expect(await call(meHandler, { token: people.admin.token })).toMatchObject({ status: 200, body: { role: 'admin', store: null } })
  })

  it.each(['member', 'clerk', 'disabledManager', 'demotedAdmin'] as const)('refuse a %s (403)', async (who) => {
    for (const handler of [overviewHandler, meHandler]) {
      const res = await call(handler, { token: people[who].token })
      expect(res.status).toBe(403)
    }
  })

  it('refuse a malformed store id (400)', async () => {
    expect((await call(overviewHandler, { token: people.admin.token, query: { storeId: 'bad id!' } })).status).toBe(400)
  })
})
