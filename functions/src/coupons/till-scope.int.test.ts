import { randomUUID } from 'node:crypto'
import { shanghaiDate } from '@siyu/shared/rules/business-day'
import { defaultProgramRules } from '@siyu/shared/rules/program-rules'
import type { CouponTemplateInput } from '@siyu/shared/schemas/coupons'
import { call, tableSnapshot, useIntegrationEnv } from '../../../test/integration'
import { memberCodeOf, tillAt } from '../../../test/till'
import { getDeps, overrideDeps, resetDeps } from '../lib/deps'
import { randomIds } from '../lib/ids'
import { loginByOpenid, setConsents } from '../members/members'
import { setRoles } from '../members/roles'
import { handler as authDev } from '../members/handlers/auth-dev'
import { recordPurchase } from '../staff/purchase'
import { takeRateToken } from '../staff/staff-auth'
import type { TillContext } from '../staff/till-context'
import { auditHandler } from '../staff/handlers/till'
import { claimCoupon } from './claim'
import { createTemplate } from './templates'
import { confirmCoupon, holdCoupon, redeemCoupon, releaseCoupon, voidCoupon, type TillDeps } from './till'
import { createHandler } from './handlers/admin-templates'
import { claimHandler } from './handlers/member-coupons'
import { confirmHandler, holdHandler, redeemHandler, releaseHandler, voidHandler } from './handlers/till'

useIntegrationEnv()

const rules = defaultProgramRules()
const NOW = new Date('2026-11-25T02:00:00Z') // 10:00 in Shanghai
const clerk1 = { staffId: 'm_scopeclerk0001', storeId: 'store-1' }
const clerk2 = { staffId: 'm_scopeclerk0002', storeId: 'store-2' }
const member = () => `m_${randomUUID().replace(/-/g, '').slice(0, 20)}`
const key = () => `k-${randomUUID()}`

/** A till at `now` with a generous allowance unless a test is about it. */
const till = (now = NOW, actionsPerMinute = 10_000): TillDeps => ({
  table: getDeps().table, clock: () => now, requestId: `req-${randomUUID()}`, rules: { till: { ...rules.till, actionsPerMinute } },
})

const allStores: CouponTemplateInput = {
  title: '全店满100减20', description: '', benefit: { kind: 'threshold', thresholdFen: 10000, amountOffFen: 2000 }, stores: 'all',
  validity: { type: 'days', days: 7 }, totalStock: 100, perMemberLimit: 1, channel: { type: 'public' }, paused: false, returnOnRefund: true,
}

async function couponOfAllStores(): Promise<string> {
  const deps = { table: getDeps().table, clock: () => NOW, ids: randomIds }
  const t = await createTemplate(deps, allStores, { adminId: 'm_scopeadmin', idempotencyKey: key() })
  return (await claimCoupon(deps, { memberId: member(), templateId: t.id, idempotencyKey: key() })).coupon.code
}

/** The table apart from rate buckets (a refused attempt still spends a token, by design). */
const writes = async () => (await tableSnapshot()).filter((i) => !String(i.pk).startsWith('RATE#'))

describe('a hold or redemption belongs to the store that made it', () => {
  it('a clerk of store-2 cannot hold again, confirm or release store-1’s hold of an all-stores coupon: 403, nothing written', async () => {
    const code = await couponOfAllStores()
    await holdCoupon(till(), clerk1, code, 'scope-o1', 12800)
    const before = await writes()
    for (const attempt of [
      () => confirmCoupon(till(), clerk2, code, 'scope-o1'),
      () => releaseCoupon(till(), clerk2, code, 'scope-o1'),
      () => holdCoupon(till(), clerk2, code, 'scope-o1', 12800),
      () => redeemCoupon(till(), clerk2, code, 'scope-o1', 12800),
    ]) await expect(attempt()).rejects.toMatchObject({ code: 'till.other_store' })
    expect(await writes()).toEqual(before)
    await expect(confirmCoupon(till(), clerk1, code, 'scope-o1')).resolves.toMatchObject({ status: 'used', discountFen: 2000 })
  })

  it('a clerk of store-2 cannot void store-1’s redemption, nor read it back: 403, nothing written', async () => {
    const code = await couponOfAllStores()
    await redeemCoupon(till(), clerk1, code, 'scope-o2', 12800)
    const before = await writes()
    for (const attempt of [
      () => voidCoupon(till(), clerk2, code, 'scope-o2'),
      () => confirmCoupon(till(), clerk2, code, 'scope-o2'),
      () => redeemCoupon(till(), clerk2, code, 'scope-o2', 12800),
    ]) await expect(attempt()).rejects.toMatchObject({ code: 'till.other_store' })
    expect(await writes()).toEqual(before)
    await expect(voidCoupon(till(), clerk1, code, 'scope-o2')).resolves.toMatchObject({ status: 'available' })
    await expect(voidCoupon(till(), clerk2, code, 'scope-o2')).rejects.toMatchObject({ code: 'till.other_store' })
  })

  it('another store may still use a coupon another store’s hold has let go', async () => {
    const code = await couponOfAllStores()
    await holdCoupon(till(), clerk1, code, 'scope-o3', 12800)
    await releaseCoupon(till(), clerk1, code, 'scope-o3')
    await expect(redeemCoupon(till(), clerk2, code, 'scope-o4', 12800)).resolves.toMatchObject({ status: 'used' })
  })
})

describe('the till allowance', () => {
  it('is one allowance for coupon actions, scans and purchases: the fourth of three is 429 and writes nothing', async () => {
    const staff = { staffId: `m_rate${randomUUID().slice(0, 8)}`, storeId: 'store-1', role: 'clerk' as const }
    const code = await couponOfAllStores()
    const three = till(NOW, 3)
    const ctx: TillContext = { ...tillAt(NOW, { staff }), rules: { ...rules, till: { ...rules.till, actionsPerMinute: 3 } } }
    const { member: shopper } = await loginByOpenid({ ...getDeps(), clock: () => NOW }, { openid: `rate-${randomUUID()}` })
    await recordPurchase(ctx, { memberCode: await memberCodeOf(shopper.memberId, NOW), orderId: `rate-${randomUUID().slice(0, 8)}`, amountFen: 5000 })
    await takeRateToken(ctx, staff.staffId, 3) // a scan
    await holdCoupon(three, staff, code, 'rate-o1', 12800)
    const before = await writes()
    await expect(confirmCoupon(three, staff, code, 'rate-o1')).rejects.toMatchObject({ code: 'rate.limited', details: { retryAfterSeconds: 20 } })
    await expect(takeRateToken(ctx, staff.staffId, 3)).rejects.toMatchObject({ code: 'rate.limited' })
    expect(await writes()).toEqual(before)
    // A minute on, the allowance is back.
    await expect(confirmCoupon(till(new Date(NOW.getTime() + 60_000), 3), staff, code, 'rate-o1')).resolves.toMatchObject({ status: 'used' })
  })
})

describe('audit over HTTP', () => {
  afterAll(() => resetDeps())

  async function login(roles: ('clerk' | 'manager' | 'admin')[] = [], storeId: string | null = 'store-1') {
    const openid = `coupon-audit-${randomUUID().slice(0, 8)}`
    const first = await call(authDev, { body: { openid } })
    const memberId = first.body.member.id
    await setConsents(getDeps(), memberId, { privacyPolicyVersion: rules.privacy.policyVersion, marketing: false, personalisation: false }, rules)
    if (roles.length) await setRoles(getDeps().table, memberId, { roles, storeId: roles.includes('admin') ? null : storeId }, NOW)
    return { memberId, token: (await call(authDev, { body: { openid } })).body.token as string }
  }

  it('every hold, confirm, release, redeem and void leaves exactly one entry in the manager’s audit; replays and refusals none', async () => {
    overrideDeps({ clock: () => NOW })
    const [admin, shopper, clerk, manager, otherClerk] = [
      await login(['admin']), await login(), await login(['clerk']), await login(['manager']), await login(['clerk'], 'store-2'),
    ]
    const created = await call(createHandler, { token: admin.token, body: { ...allStores, perMemberLimit: 2 }, headers: { 'idempotency-key': key() } })
    const claim = async () => (await call(claimHandler, { token: shopper.token, params: { id: created.body.id }, headers: { 'idempotency-key': key() } })).body.coupon.code as string
    const [a, b] = [await claim(), await claim()]
    const act = (handler: typeof holdHandler, who: { token: string }, code: string, body: Record<string, unknown>) => call(handler, { token: who.token, params: { code }, body })
    const steps: [typeof holdHandler, { token: string }, string, Record<string, unknown>, number][] = [
      [holdHandler, clerk, a, { orderId: 'audit-o1', amountFen: 12800 }, 200],
      [confirmHandler, otherClerk, a, { orderId: 'audit-o1' }, 403],
      [confirmHandler, clerk, a, { orderId: 'audit-o1' }, 200],
      [confirmHandler, clerk, a, { orderId: 'audit-o1' }, 200], // a replay
      [holdHandler, clerk, b, { orderId: 'audit-o2', amountFen: 15000 }, 200],
      [releaseHandler, clerk, b, { orderId: 'audit-o2' }, 200],
      [releaseHandler, clerk, b, { orderId: 'audit-o2' }, 200], // nothing held any more
      [redeemHandler, clerk, b, { orderId: 'audit-o3', amountFen: 20000 }, 200],
      [redeemHandler, clerk, b, { orderId: 'audit-o3', amountFen: 20000 }, 200], // a replay
      [voidHandler, otherClerk, b, { orderId: 'audit-o3' }, 403],
      [voidHandler, clerk, b, { orderId: 'audit-o3' }, 200],
      [voidHandler, clerk, b, { orderId: 'audit-o3' }, 200], // a replay
    ]
    for (const [handler, who, code, body, status] of steps) expect((await act(handler, who, code, body)).status).toBe(status)

    const audit = await call(auditHandler, { token: manager.token, query: { date: shanghaiDate(NOW), staffId: clerk.memberId } })
    expect(audit.status).toBe(200)
    const entries = (audit.body.items as { action: string; orderId: string; amountFen: number; memberId: string; storeId: string; staffId: string }[])
      .map(({ action, orderId, amountFen, memberId, storeId, staffId }) => ({ action, orderId, amountFen, memberId, storeId, staffId }))
    const mine = { memberId: shopper.memberId, storeId: 'store-1', staffId: clerk.memberId }
    expect(entries.sort((x, y) => `${x.orderId}${x.action}`.localeCompare(`${y.orderId}${y.action}`))).toEqual([
      { action: 'coupon_confirm', orderId: 'audit-o1', amountFen: 12800, ...mine },
      { action: 'coupon_hold', orderId: 'audit-o1', amountFen: 12800, ...mine },
      { action: 'coupon_hold', orderId: 'audit-o2', amountFen: 15000, ...mine },
      { action: 'coupon_release', orderId: 'audit-o2', amountFen: 15000, ...mine },
      { action: 'coupon_redeem', orderId: 'audit-o3', amountFen: 20000, ...mine },
      { action: 'coupon_void', orderId: 'audit-o3', amountFen: 20000, ...mine },
    ])
    const elsewhere = await call(auditHandler, { token: manager.token, query: { date: shanghaiDate(NOW), staffId: otherClerk.memberId } })
    expect(elsewhere.body.items).toEqual([])
  })
})
