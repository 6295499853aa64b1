import { randomUUID } from 'node:crypto'
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb'
import type { CouponTemplateInput } from '@siyu/shared/schemas/coupons'
import { defaultProgramRules } from '@siyu/shared/rules/program-rules'
import { call, tableSnapshot, useIntegrationEnv } from '../../../test/integration'
import { getDeps } from '../lib/deps'
import { randomIds } from '../lib/ids'
import { earn } from '../ledger/operations'
import { getSummary } from '../ledger/queries'
import { setConsents } from '../members/members'
import { setRoles } from '../members/roles'
import { handler as authDev } from '../members/handlers/auth-dev'
import { claimCoupon, exchangeCoupon } from './claim'
import { listClaimable } from './claimable'
import { createTemplate, readShards, updateTemplate } from './templates'
import { confirmCoupon, couponReturnItem, holdCoupon, redeemCoupon, releaseCoupon, voidCoupon } from './till'
import { findCoupon, listMyCoupons } from './wallet'
import { createHandler, updateHandler } from './handlers/admin-templates'
import { claimHandler, myCouponsHandler } from './handlers/member-coupons'
import { holdHandler } from './handlers/till'

useIntegrationEnv()

const rules = defaultProgramRules()
/** A generous till allowance: these tests run many till actions in one clock minute (the limit has its own test). */
const tillRules = { ...rules, till: { ...rules.till, actionsPerMinute: 10_000 } }
const NOW = new Date('2026-11-25T02:00:00Z') // 10:00 in Shanghai
const deps = (now = NOW) => ({ table: getDeps().table, clock: () => now, ids: randomIds, requestId: `req-${randomUUID()}`, rules: tillRules })
const key = () => `k-${randomUUID()}`
const create = (input: CouponTemplateInput, now = NOW) => createTemplate(deps(now), input, { adminId: 'm_couponsadmin', idempotencyKey: key() })
const member = () => `m_${randomUUID().replace(/-/g, '').slice(0, 20)}`
const clerk1 = { staffId: 'm_clerk00000001', storeId: 'store-1' }
const clerk2 = { staffId: 'm_clerk00000002', storeId: 'store-2' }

const template = (over: Partial<CouponTemplateInput> = {}): CouponTemplateInput => ({
  title: '满100减20', description: '', benefit: { kind: 'threshold', thresholdFen: 10000, amountOffFen: 2000 }, stores: 'all',
  validity: { type: 'days', days: 7 }, totalStock: 100, perMemberLimit: 1, channel: { type: 'public' }, paused: false, returnOnRefund: true,
  ...over,
})

async function pool<T>(items: T[], concurrency: number, fn: (item: T) => Promise<void>) {
  let next = 0
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < items.length) await fn(items[next++])
  }))
}

async function couponFor(over: Partial<CouponTemplateInput> = {}, now = NOW) {
  const t = await create(template(over), now)
  const m = member()
  const { coupon } = await claimCoupon(deps(now), { memberId: m, templateId: t.id, idempotencyKey: key() })
  return { t, m, code: coupon.code }
}

describe('claiming under load', () => {
  it('1,000 stock and 5,000 members claiming at once: exactly 1,000 coupons, shards sum to 1,000 taken', async () => {
    const t = await create(template({ totalStock: 1000, perMemberLimit: 1 }))
    const members = Array.from({ length: 5000 }, member)
    const outcomes: string[] = []
    await pool(members, 100, async (m) => {
      try {
        await claimCoupon(deps(), { memberId: m, templateId: t.id, idempotencyKey: key() })
        outcomes.push('ok')
      } catch (err) {
        outcomes.push((err as { code?: string }).code ?? String(err))
      }
    })
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(1000)
    expect(new Set(outcomes.filter((o) => o !== 'ok'))).toEqual(new Set(['coupon.sold_out']))
    const shards = (await readShards(getDeps().table, [t], true)).get(t.id)!
    expect(shards).toHaveLength(20)
    expect(shards.reduce((n, s) => n + s.taken, 0)).toBe(1000)
    expect(shards.every((s) => s.taken === s.total)).toBe(true)
    const coupons = (await tableSnapshot()).filter((i) => i.type === 'coupon' && i.templateId === t.id)
    expect(coupons).toHaveLength(1000)
    expect(new Set(coupons.map((c) => c.memberId)).size).toBe(1000)
  })

  it('one member, 50 concurrent claims under one key, limit 1: one coupon, the others replay it', async () => {
    const t = await create(template({ perMemberLimit: 1 }))
    const m = member()
    const once = key()
    const results = await Promise.all(Array.from({ length: 50 }, () => claimCoupon(deps(), { memberId: m, templateId: t.id, idempotencyKey: once })))
    expect(new Set(results.map((r) => r.coupon.code)).size).toBe(1)
    expect(results.filter((r) => !r.replayed)).toHaveLength(1)
  })

  it('a copy of the claim that commits after the key was read is the answer, not a refusal over the limit it took', async () => {
    const t = await create(template({ perMemberLimit: 1 }))
    const m = member()
    const request = { memberId: m, templateId: t.id, idempotencyKey: key() }
    const real = getDeps().table
    let first: Awaited<ReturnType<typeof claimCoupon>> | undefined
    // The claim reads its key (nothing yet); before it reads the member's count, a copy commits.
    const db = new Proxy(real.db, {
      get(target, prop, receiver) {
        if (prop !== 'send') return Reflect.get(target, prop, receiver)
        return async (command: { constructor: { name: string }; input: { Key?: { pk?: string } } }) => {
          const res = await target.send(command as never)
          if (!first && command.constructor.name === 'GetCommand' && String(command.input.Key?.pk).startsWith('IDEMP#claim:')) first = await claimCoupon(deps(), request)
          return res
        }
      },
    })
    const late = await claimCoupon({ ...deps(), table: { db, name: real.name } }, request)
    expect(first).toMatchObject({ replayed: false })
    expect(late).toEqual({ ...first, replayed: true })
  })

  it('one member, 50 concurrent claims with distinct keys, limit 2: two coupons, the rest over the limit', async () => {
    const t = await create(template({ perMemberLimit: 2 }))
    const m = member()
    const outcomes = await Promise.allSettled(Array.from({ length: 50 }, (_, i) => claimCoupon(deps(), { memberId: m, templateId: t.id, idempotencyKey: `key-${i}-abcdef` })))
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(2)
    expect(new Set(outcomes.filter((o) => o.status === 'rejected').map((o) => (o as PromiseRejectedResult).reason.code))).toEqual(new Set(['coupon.limit_reached']))
    expect((await listMyCoupons(getDeps().table, m, { status: 'available', limit: 20 }, NOW)).items).toHaveLength(2)
  })

  it('sold out and over the limit are distinct 409s; raising the stock reopens it', async () => {
    const t = await create(template({ totalStock: 1, perMemberLimit: 1 }))
    const a = member()
    await claimCoupon(deps(), { memberId: a, templateId: t.id, idempotencyKey: key() })
    await expect(claimCoupon(deps(), { memberId: a, templateId: t.id, idempotencyKey: 'second-claim' })).rejects.toMatchObject({ code: 'coupon.limit_reached' })
    await expect(claimCoupon(deps(), { memberId: member(), templateId: t.id, idempotencyKey: key() })).rejects.toMatchObject({ code: 'coupon.sold_out' })
    await updateTemplate(deps(), t.id, { totalStock: 2 })
    await expect(claimCoupon(deps(), { memberId: member(), templateId: t.id, idempotencyKey: key() })).resolves.toMatchObject({ replayed: false })
    await expect(updateTemplate(deps(), t.id, { totalStock: 1 })).rejects.toMatchObject({ code: 'coupon.stock_decrease' })
  })

  it('lists what a member can claim, with the reason when not', async () => {
    const open = await create(template({ title: 'open-' + randomUUID() }))
    const gone = await create(template({ title: 'gone-' + randomUUID(), totalStock: 1 }))
    const later = await create(template({ title: 'later-' + randomUUID(), validity: { type: 'window', from: '2026-12-01T00:00:00Z', to: '2026-12-31T00:00:00Z' } }))
    const paused = await create(template({ title: 'paused-' + randomUUID(), paused: true }))
    await claimCoupon(deps(), { memberId: member(), templateId: gone.id, idempotencyKey: key() })
    const m = member()
    await claimCoupon(deps(), { memberId: m, templateId: open.id, idempotencyKey: key() })
    const { items } = await listClaimable(getDeps().table, m, NOW)
    const byId = new Map(items.map((i) => [i.template.id, i]))
    expect(byId.get(open.id)).toMatchObject({ blocker: 'limit_reached', claimedByMe: 1, remaining: 99 })
    expect(byId.get(gone.id)).toMatchObject({ blocker: 'sold_out', remaining: 0 })
    expect(byId.get(later.id)).toMatchObject({ blocker: 'not_started' })
    expect(byId.has(paused.id)).toBe(false)
    await expect(claimCoupon(deps(), { memberId: member(), templateId: later.id, idempotencyKey: key() })).rejects.toMatchObject({ code: 'coupon.not_claimable' })
  })
})

describe('exchange for points', () => {
  const pointsTemplate = (over: Partial<CouponTemplateInput> = {}) => template({ channel: { type: 'points', pricePoints: 100 }, ...over })

  it('spends the points and issues the coupon together; a replay answers the same', async () => {
    const t = await create(pointsTemplate())
    const m = member()
    await earn(deps(), rules, { memberId: m, key: `seed:${m}`, code: 'adjustment', points: 150, ref: 'seed' })
    const first = await exchangeCoupon(deps(), { memberId: m, templateId: t.id, idempotencyKey: 'exchange-key-1' })
    expect(first).toMatchObject({ replayed: false, coupon: { status: 'available', templateId: t.id } })
    expect(await exchangeCoupon(deps(), { memberId: m, templateId: t.id, idempotencyKey: 'exchange-key-1' })).toEqual({ ...first, replayed: true })
    expect((await getSummary(getDeps().table, m, rules, NOW)).available).toBe(50)
  })

  it('with too few points: 409 and nothing written', async () => {
    const t = await create(pointsTemplate())
    const m = member()
    await earn(deps(), rules, { memberId: m, key: `seed:${m}`, code: 'adjustment', points: 99, ref: 'seed' })
    const before = await tableSnapshot()
    await expect(exchangeCoupon(deps(), { memberId: m, templateId: t.id, idempotencyKey: key() })).rejects.toMatchObject({ code: 'points.insufficient' })
    expect(await tableSnapshot()).toEqual(before)
  })

  it('when sold out: the points are untouched', async () => {
    const t = await create(pointsTemplate({ totalStock: 1 }))
    await earn(deps(), rules, { memberId: 'm_exchangefirst00', key: 'seed:first', code: 'adjustment', points: 100, ref: 'seed' })
    await exchangeCoupon(deps(), { memberId: 'm_exchangefirst00', templateId: t.id, idempotencyKey: key() })
    const m = member()
    await earn(deps(), rules, { memberId: m, key: `seed:${m}`, code: 'adjustment', points: 500, ref: 'seed' })
    await expect(exchangeCoupon(deps(), { memberId: m, templateId: t.id, idempotencyKey: key() })).rejects.toMatchObject({ code: 'coupon.sold_out' })
    expect((await getSummary(getDeps().table, m, rules, NOW)).available).toBe(500)
  })

  it('many members racing for the last units: points spent only by those who got a coupon', async () => {
    const t = await create(pointsTemplate({ totalStock: 5 }))
    const members = Array.from({ length: 30 }, member)
    for (const m of members) await earn(deps(), rules, { memberId: m, key: `seed:${m}`, code: 'adjustment', points: 100, ref: 'seed' })
    const outcomes = await Promise.allSettled(members.map((m) => exchangeCoupon(deps(), { memberId: m, templateId: t.id, idempotencyKey: key() })))
    const winners = members.filter((_, i) => outcomes[i].status === 'fulfilled')
    expect(winners).toHaveLength(5)
    for (const m of members) {
      expect((await getSummary(getDeps().table, m, rules, NOW)).available).toBe(winners.includes(m) ? 0 : 100)
    }
  })
})

describe('at the till', () => {
  it('two tills confirming the same coupon for different orders at once: exactly one wins', async () => {
    const { code } = await couponFor({ benefit: { kind: 'fixed', amountOffFen: 500 } })
    // Each till holds in turn (the second after the first's hold lapsed), then both confirm at once.
    await holdCoupon(deps(), clerk1, code, 'order-a', 3000)
    const later = new Date(NOW.getTime() + 11 * 60_000)
    await holdCoupon(deps(later), clerk2, code, 'order-b', 3000)
    const outcomes = await Promise.allSettled([confirmCoupon(deps(later), clerk1, code, 'order-a'), confirmCoupon(deps(later), clerk2, code, 'order-b')])
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'fulfilled'])
    expect((await findCoupon(getDeps().table, code))?.redemption?.orderId).toBe('order-b')
  })

  it('twenty tills redeeming one coupon at once: exactly one order has it', async () => {
    const { code } = await couponFor({ benefit: { kind: 'fixed', amountOffFen: 500 } })
    const outcomes = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => redeemCoupon(deps(), clerk1, code, `order-${i}`, 3000)))
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1)
  })

  it('hold → confirm, each idempotent by order; the discount is computed at the hold', async () => {
    const { code } = await couponFor()
    await expect(holdCoupon(deps(), clerk1, code, 'o1', 9999)).rejects.toMatchObject({ code: 'coupon.not_applicable' })
    const held = await holdCoupon(deps(), clerk1, code, 'o1', 12800)
    expect(held).toMatchObject({ status: 'held', discountFen: 2000, holdUntil: '2026-11-25T02:10:00.000Z' })
    await expect(holdCoupon(deps(), clerk1, code, 'o2', 12800)).rejects.toMatchObject({ code: 'coupon.held_by_other_order' })
    expect(await confirmCoupon(deps(), clerk1, code, 'o1')).toMatchObject({ status: 'used', discountFen: 2000 })
    expect(await confirmCoupon(deps(), clerk1, code, 'o1')).toMatchObject({ status: 'used', discountFen: 2000 })
    await expect(redeemCoupon(deps(), clerk1, code, 'o2', 12800)).rejects.toMatchObject({ code: 'coupon.not_usable' })
  })

  it('an expired hold releases itself; confirming it is refused', async () => {
    const { code } = await couponFor()
    await holdCoupon(deps(), clerk1, code, 'o1', 12800)
    const later = new Date(NOW.getTime() + 10 * 60_000)
    await expect(confirmCoupon(deps(later), clerk1, code, 'o1')).rejects.toMatchObject({ code: 'coupon.hold_expired' })
    expect(await redeemCoupon(deps(later), clerk1, code, 'o2', 12800)).toMatchObject({ status: 'used' })
  })

  it('release gives it back; releasing again changes nothing', async () => {
    const { code } = await couponFor()
    await holdCoupon(deps(), clerk1, code, 'o1', 12800)
    expect(await releaseCoupon(deps(), clerk1, code, 'o1')).toMatchObject({ status: 'available' })
    expect(await releaseCoupon(deps(), clerk1, code, 'o1')).toMatchObject({ status: 'available' })
    expect(await holdCoupon(deps(), clerk1, code, 'o2', 12800)).toMatchObject({ status: 'held' })
  })

  it('void within 15 minutes makes it usable again; at 15 minutes and 1 ms it is refused', async () => {
    const a = await couponFor()
    await redeemCoupon(deps(), clerk1, a.code, 'o1', 12800)
    expect(await voidCoupon(deps(new Date(NOW.getTime() + 15 * 60_000)), clerk1, a.code, 'o1')).toMatchObject({ status: 'available' })
    expect(await voidCoupon(deps(new Date(NOW.getTime() + 15 * 60_000)), clerk1, a.code, 'o1')).toMatchObject({ status: 'available' })
    const b = await couponFor()
    await redeemCoupon(deps(), clerk1, b.code, 'o1', 12800)
    await expect(voidCoupon(deps(new Date(NOW.getTime() + 15 * 60_000 + 1)), clerk1, b.code, 'o1')).rejects.toMatchObject({ code: 'coupon.void_window_passed' })
  })

  it('expires at Shanghai midnight after its last day', async () => {
    const { code, m } = await couponFor({ validity: { type: 'days', days: 1 } })
    const lastSecond = new Date('2026-11-25T15:59:59Z') // 23:59:59 Shanghai
    const midnight = new Date('2026-11-25T16:00:00Z')
    expect((await listMyCoupons(getDeps().table, m, { status: 'available', limit: 5 }, lastSecond)).items[0]).toMatchObject({ code, lastDay: '2026-11-25' })
    expect((await listMyCoupons(getDeps().table, m, { status: 'expired', limit: 5 }, midnight)).items[0]).toMatchObject({ code })
    await expect(holdCoupon(deps(midnight), clerk1, code, 'o1', 12800)).rejects.toMatchObject({ code: 'coupon.not_usable' })
    await expect(holdCoupon(deps(lastSecond), clerk1, code, 'o1', 12800)).resolves.toMatchObject({ status: 'held' })
  })

  it('only stores in scope can use it', async () => {
    const { code } = await couponFor({ stores: ['store-1' as never] })
    await expect(redeemCoupon(deps(), clerk2, code, 'o1', 12800)).rejects.toMatchObject({ code: 'coupon.out_of_scope' })
    await expect(redeemCoupon(deps(), clerk1, code, 'o1', 12800)).resolves.toMatchObject({ status: 'used' })
  })

  it('a refund returns the coupon only when its template says so', async () => {
    for (const returnOnRefund of [true, false]) {
      const { code } = await couponFor({ returnOnRefund })
      await redeemCoupon(deps(), clerk1, code, 'o1', 12800)
      const item = couponReturnItem(getDeps().table, (await findCoupon(getDeps().table, code))!, 'o1', NOW)
      if (item) await getDeps().table.db.send(new TransactWriteCommand({ TransactItems: [item] }))
      expect((await findCoupon(getDeps().table, code))?.state).toBe(returnOnRefund ? 'available' : 'used')
    }
  })
})

describe('HTTP', () => {
  async function login(roles: ('clerk' | 'manager' | 'admin')[] = [], storeId: string | null = 'store-1') {
    const openid = `coupon-http-${randomUUID().slice(0, 8)}`
    const first = await call(authDev, { body: { openid } })
    const memberId = first.body.member.id
    await setConsents(getDeps(), memberId, { privacyPolicyVersion: rules.privacy.policyVersion, marketing: false, personalisation: false }, rules)
    if (roles.length) await setRoles(getDeps().table, memberId, { roles, storeId: roles.includes('admin') ? null : storeId }, new Date())
    return { memberId, token: (await call(authDev, { body: { openid } })).body.token as string }
  }

  it('admin creates and edits templates; others get 403; bad input 400; nothing written on refusal', async () => {
    const admin = await login(['admin'])
    const someone = await login()
    const before = await tableSnapshot()
    expect((await call(createHandler, { token: someone.token, body: template() })).status).toBe(403)
    expect((await call(createHandler, { token: admin.token, body: { ...template(), benefit: { kind: 'percent', percentOff: 120 } } })).status).toBe(400)
    expect((await call(createHandler, { token: admin.token, body: { ...template(), benefit: { kind: 'threshold', thresholdFen: 100, amountOffFen: 100 } } })).status).toBe(400)
    expect(await tableSnapshot()).toEqual(before)
    const created = await call(createHandler, { token: admin.token, body: template({ benefit: { kind: 'percent', percentOff: 15, capFen: 3000 } }), headers: { 'idempotency-key': key() } })
    expect(created).toMatchObject({ status: 201, body: { ruleText: '8.5 折，最多减 30 元', shards: 20 } })
    const patched = await call(updateHandler, { method: 'PATCH', token: admin.token, params: { id: created.body.id }, body: { paused: true } })
    expect(patched).toMatchObject({ status: 200, body: { paused: true } })
    expect((await call(updateHandler, { method: 'PATCH', token: admin.token, params: { id: 'ct_doesnotexist00' }, body: { paused: true } })).status).toBe(404)
  })

  it('a member claims and sees the coupon in the wallet; a clerk holds it', async () => {
    const admin = await login(['admin'])
    const created = await call(createHandler, { token: admin.token, body: template(), headers: { 'idempotency-key': key() } })
    const shopper = await login()
    const claimed = await call(claimHandler, { token: shopper.token, params: { id: created.body.id }, headers: { 'idempotency-key': 'claim-key-0001' } })
    expect(claimed).toMatchObject({ status: 200, body: { replayed: false, coupon: { ruleText: '满 100 元减 20 元', status: 'available' } } })
    expect((await call(claimHandler, { token: shopper.token, params: { id: created.body.id }, headers: { 'idempotency-key': 'bad' } })).status).toBe(400)
    const wallet = await call(myCouponsHandler, { token: shopper.token, query: { status: 'available' } })
    expect(wallet.body.items.map((c: { code: string }) => c.code)).toEqual([claimed.body.coupon.code])
    const clerk = await login(['clerk'])
    expect(await call(holdHandler, { token: clerk.token, params: { code: claimed.body.coupon.code }, body: { orderId: 'pos-1', amountFen: 12800 } }))
      .toMatchObject({ status: 200, body: { status: 'held', discountFen: 2000 } })
    expect((await call(holdHandler, { token: shopper.token, params: { code: claimed.body.coupon.code }, body: { orderId: 'pos-1', amountFen: 12800 } })).status).toBe(403)
    expect((await call(holdHandler, { token: clerk.token, params: { code: '123' }, body: { orderId: 'pos-1', amountFen: 12800 } })).status).toBe(400)
  })
})
