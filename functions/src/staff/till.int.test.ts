import { randomBytes, randomUUID } from 'node:crypto'
import { GetCommand } from '@aws-sdk/lib-dynamodb'
import { decodeSecret, memberCodeForStep, stepAt } from '@siyu/shared/rules/member-code'
import { defaultProgramRules, type ProgramRules } from '@siyu/shared/rules/program-rules'
import type { AuditQuery } from '@siyu/shared/schemas/staff'
import { CouponTemplateInput } from '@siyu/shared/schemas/coupons'
import { tableSnapshot, useIntegrationEnv } from '../../../test/integration'
import { useStreamConsumer } from '../../../test/stream'
import { getDeps } from '../lib/deps'
import { randomIds } from '../lib/ids'
import { keys } from '../lib/keys'
import { loginByOpenid } from '../members/members'
import { ensureCodeSecret } from '../member-code/secret'
import { activateDuePending, expireDueLots } from '../ledger/jobs'
import { earn } from '../ledger/operations'
import { getSummary, listHistory } from '../ledger/queries'
import { reconcile } from '../ledger/reconcile'
import { createTemplate } from '../coupons/templates'
import { claimCoupon } from '../coupons/claim'
import { holdCoupon, voidCoupon } from '../coupons/till'
import { findCoupon } from '../coupons/wallet'
import { verifyMemberCode } from '../member-code/verify'
import { purchasePoints } from '@siyu/shared/rules/tiers'
import { recordPurchase } from './purchase'
import { redeemPoints } from './redemption'
import { recordRefund, refundPoints } from './refund'
import { listAudit, storeDaySummary } from './reports'
import type { StaffMember } from './staff-auth'
import type { TillContext } from './till-context'
import { voidAction } from './void'

const env = useIntegrationEnv({ stream: true })
// What follows a sale (the tier upgrade) runs on the table's stream.
const stream = useStreamConsumer(env)

const piiKey = randomBytes(32)
const NOW = new Date('2026-11-25T02:00:00Z') // 10:00 in Shanghai
const later = (ms: number, from = NOW) => new Date(from.getTime() + ms)
const MIN = 60_000
const clerk1: StaffMember = { staffId: 'm_clerk1', storeId: 'store-1', role: 'clerk' }
const clerk1b: StaffMember = { staffId: 'm_clerk1b', storeId: 'store-1', role: 'clerk' }
const manager1: StaffMember = { staffId: 'm_manager1', storeId: 'store-1', role: 'manager' }
const clerk2: StaffMember = { staffId: 'm_clerk2', storeId: 'store-2', role: 'clerk' }

/** Generous rate limit unless a test is about it: many actions share one clock minute here. */
const rules = (over: Partial<ProgramRules['till']> = {}): ProgramRules => {
  const r = defaultProgramRules()
  return { ...r, till: { ...r.till, actionsPerMinute: 10_000, ...over } }
}

const ctx = (staff: StaffMember, now = NOW, r = rules()): TillContext => ({
  table: getDeps().table, clock: () => now, piiKey, rules: r, staff, requestId: `req-${randomUUID()}`,
})

const order = () => `o-${randomUUID().slice(0, 12)}`

async function newMember(): Promise<string> {
  const { member } = await loginByOpenid({ ...getDeps(), clock: () => NOW }, { openid: `till-${randomUUID()}` })
  return member.memberId
}

/** The code the member's app shows at `at`. */
async function codeOf(memberId: string, at = NOW): Promise<string> {
  const s = await ensureCodeSecret({ table: getDeps().table, clock: () => at, piiKey }, rules(), memberId)
  return memberCodeForStep(s.shortId, decodeSecret(s.secret), stepAt(at, s.stepSeconds))
}

/** The table apart from rate-limit counters (a refused attempt still counts against the limit, by design). */
const writes = async () => (await tableSnapshot()).filter((i) => !String(i.pk).startsWith('RATE#'))

const points = (memberId: string, at = NOW) => getSummary(getDeps().table, memberId, rules(), at)

async function growthOf(memberId: string, month = '2026-11'): Promise<number> {
  const { Item } = await getDeps().table.db.send(new GetCommand({ TableName: getDeps().table.name, Key: keys.growth(memberId, month), ConsistentRead: true }))
  return Number(Item?.fen ?? 0)
}

async function purchase(m: string, amountFen: number, over: { staff?: StaffMember; at?: Date; orderId?: string; couponCode?: string } = {}) {
  const at = over.at ?? NOW
  return recordPurchase(ctx(over.staff ?? clerk1, at), { memberCode: await codeOf(m, at), orderId: over.orderId ?? order(), amountFen, couponCode: over.couponCode })
}

describe('purchases', () => {
  it('earns pending points on whole CNY, activates them after the return window, and adds growth', async () => {
    const m = await newMember()
    const action = await purchase(m, 12_850)
    expect(action).toMatchObject({ kind: 'purchase', points: 128, amountFen: 12_850, storeId: 'store-1', staffId: clerk1.staffId, memberId: m, voided: false, replayed: false })
    expect(await points(m)).toMatchObject({ available: 0, pending: 128 })
    expect(await growthOf(m)).toBe(12_850)

    await activateDuePending({ table: getDeps().table, clock: () => later(6 * 86_400_000) })
    expect(await points(m)).toMatchObject({ available: 0, pending: 128 })
    await activateDuePending({ table: getDeps().table, clock: () => later(7 * 86_400_000 + MIN) })
    expect(await points(m, later(8 * 86_400_000))).toMatchObject({ available: 128, pending: 0 })
  })

  it('answers a retry with the first result and refuses the order id for anything else', async () => {
    const [m, other] = [await newMember(), await newMember()]
    const orderId = order()
    const first = await purchase(m, 5000, { orderId })
    // A retry after the code rotated is still the same purchase.
    expect(await purchase(m, 5000, { orderId, at: later(5 * MIN) })).toEqual({ ...first, replayed: true })
    await codeOf(other)
    const before = await writes()
    await expect(purchase(m, 5100, { orderId })).rejects.toMatchObject({ code: 'idempotency.mismatch' })
    await expect(purchase(other, 5000, { orderId })).rejects.toMatchObject({ code: 'idempotency.mismatch' })
    await expect(purchase(m, 5000, { orderId, staff: clerk2 })).rejects.toMatchObject({ code: 'idempotency.mismatch' })
    expect(await writes()).toEqual(before)
    expect(await points(m)).toMatchObject({ pending: 50 })
  })

  it('knows a retry by what the till sent, not by the points: a retry after the purchase raised the tier is still the purchase', async () => {
    const m = await newMember()
    const orderId = order()
    const first = await purchase(m, 150_000, { orderId })
    expect(first).toMatchObject({ points: 1500, replayed: false })
    await stream.settled()
    // The purchase crossed 银卡 (×1.2): the same purchase decided now would earn 1800.
    expect(await purchase(m, 150_000, { orderId, at: later(MIN) })).toEqual({ ...first, replayed: true })
    expect(await points(m)).toMatchObject({ pending: 1500 + 100 })
  })

  it('applies ten concurrent submissions of one order exactly once', async () => {
    const m = await newMember()
    const orderId = order()
    const code = await codeOf(m)
    const results = await Promise.all(Array.from({ length: 10 }, () => recordPurchase(ctx(clerk1), { memberCode: code, orderId, amountFen: 9900 })))
    expect(results.filter((r) => !r.replayed)).toHaveLength(1)
    expect(new Set(results.map((r) => r.actionId)).size).toBe(1)
    expect(await points(m)).toMatchObject({ pending: 99 })
    expect(await growthOf(m)).toBe(9900)
  })

  it('lets one member code serve one order: another order needs a fresh code', async () => {
    const m = await newMember()
    const code = await codeOf(m)
    await recordPurchase(ctx(clerk1), { memberCode: code, orderId: order(), amountFen: 1000 })
    await expect(recordPurchase(ctx(clerk1), { memberCode: code, orderId: order(), amountFen: 1000 })).rejects.toMatchObject({ code: 'member_code.replayed' })
  })

  it('needs a manager above the threshold', async () => {
    const m = await newMember()
    await expect(purchase(m, 500_001)).rejects.toMatchObject({ code: 'till.manager_required' })
    await expect(purchase(m, 500_001, { staff: manager1 })).resolves.toMatchObject({ points: 5000 })
    await stream.settled()
    // The first made them 金卡 at once: ×1.5, and 25 November 2026 is a Wednesday, 会员日 (+50%).
    await expect(purchase(m, 500_000, { at: later(MIN) })).resolves.toMatchObject({ points: 10_000 })
  })

  it('shows the till what a purchase will earn: the figures the purchase applies, 会员日 by the server’s clock', async () => {
    const m = await newMember()
    await purchase(m, 500_000, { staff: manager1 }) // 金卡 at once
    await stream.settled()
    const thursday = later(86_400_000)
    for (const [at, memberDay] of [[later(MIN), true], [thursday, false]] as const) {
      const card = await verifyMemberCode({ table: getDeps().table, clock: () => at, piiKey }, rules(), await codeOf(m, at), 'store-1')
      expect(card.earning).toEqual({ pointsPerYuan: 1, multiplierPercent: 150, memberDayBonusPercent: 50, memberDay })
      const action = await purchase(m, 12_800, { at: new Date(at.getTime() + 30_000) })
      expect(action.points).toBe(purchasePoints(12_800, { earning: card.earning }, card.earning, card.earning.memberDay))
    }
  })

  it('records a purchase under 1 CNY with no points', async () => {
    const m = await newMember()
    expect(await purchase(m, 99)).toMatchObject({ points: 0 })
    expect(await points(m)).toMatchObject({ available: 0, pending: 0 })
    expect(await growthOf(m)).toBe(99)
  })

  it('rate-limits a staff member per minute (429), counting scans and purchases together', async () => {
    const m = await newMember()
    const limited = rules({ actionsPerMinute: 3 })
    const staff: StaffMember = { staffId: `m_fast${randomUUID().slice(0, 6)}`, storeId: 'store-1', role: 'clerk' }
    for (let i = 0; i < 3; i++) await recordPurchase(ctx(staff, NOW, limited), { memberCode: await codeOf(m), orderId: `${order()}-${i}`, amountFen: 100 }).catch(() => undefined)
    await expect(recordPurchase(ctx(staff, NOW, limited), { memberCode: await codeOf(m), orderId: order(), amountFen: 100 })).rejects.toMatchObject({ code: 'rate.limited' })
    // The next minute starts afresh.
    await expect(recordPurchase(ctx(staff, later(MIN), limited), { memberCode: await codeOf(m, later(MIN)), orderId: order(), amountFen: 100 })).resolves.toMatchObject({ kind: 'purchase' })
  })
})

describe('refunds', () => {
  it('reverses points in proportion; refunds summing to the order reverse exactly what it earned', async () => {
    const m = await newMember()
    const { orderId } = await purchase(m, 10_001)
    const parts = [3333, 3333, 3335]
    const reversed: number[] = []
    for (const [i, amountFen] of parts.entries()) reversed.push((await recordRefund(ctx(clerk1), { orderId, refundId: `${orderId}-r${i}`, amountFen })).points)
    expect(reversed.reduce((a, b) => a + b, 0)).toBe(100)
    expect(await points(m)).toMatchObject({ available: 0, pending: 0, debt: 0 })
    expect(await growthOf(m)).toBe(0)
    const before = await writes()
    await expect(recordRefund(ctx(clerk1), { orderId, refundId: `${orderId}-r9`, amountFen: 1 })).rejects.toMatchObject({ code: 'till.refund_exceeds_order' })
    expect(await writes()).toEqual(before)
  })

  it('never lets concurrent refunds exceed the order', async () => {
    const m = await newMember()
    const { orderId } = await purchase(m, 10_000)
    const outcomes = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => recordRefund(ctx(clerk1), { orderId, refundId: `${orderId}-c${i}`, amountFen: 3000 })))
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(3)
    for (const o of outcomes) if (o.status === 'rejected') expect(o.reason).toMatchObject({ code: 'till.refund_exceeds_order' })
    expect(await points(m)).toMatchObject({ pending: 10 })
    expect(await growthOf(m)).toBe(1000)
  })

  it('rounds so parts and the whole agree', () => {
    for (const [pts, paid] of [[100, 10_001], [7, 999], [128, 12_800]]) {
      let before = 0
      let sum = 0
      for (const part of [1, 333, paid - 334]) {
        sum += refundPoints(pts, paid, before, part)
        before += part
      }
      expect(sum).toBe(pts)
    }
  })

  it('claws back available points after activation, then records debt once they are spent', async () => {
    const m = await newMember()
    const { orderId } = await purchase(m, 10_000)
    const activated = later(8 * 86_400_000)
    await activateDuePending({ table: getDeps().table, clock: () => activated })
    await redeemPoints(ctx(clerk1, activated), { memberCode: await codeOf(m, activated), orderId: order(), points: 80 })
    expect(await points(m, activated)).toMatchObject({ available: 20 })
    const refund = await recordRefund(ctx(clerk1, activated), { orderId, refundId: `${orderId}-full`, amountFen: 10_000 })
    expect(refund.points).toBe(100)
    expect(await points(m, activated)).toMatchObject({ available: 0, pending: 0, debt: 80 })
  })

  it('answers a retried refund id with the first result; the id used for another amount is a 409', async () => {
    const m = await newMember()
    const { orderId } = await purchase(m, 5000)
    const first = await recordRefund(ctx(clerk1), { orderId, refundId: `${orderId}-x`, amountFen: 1000 })
    expect(await recordRefund(ctx(clerk1), { orderId, refundId: `${orderId}-x`, amountFen: 1000 })).toEqual({ ...first, replayed: true })
    await expect(recordRefund(ctx(clerk1), { orderId, refundId: `${orderId}-x`, amountFen: 2000 })).rejects.toMatchObject({ code: 'idempotency.mismatch' })
    expect(await points(m)).toMatchObject({ pending: 40 })
  })

  it('refuses orders of another store and unknown orders', async () => {
    const m = await newMember()
    const { orderId } = await purchase(m, 5000)
    await expect(recordRefund(ctx(clerk2), { orderId, refundId: `${orderId}-o`, amountFen: 100 })).rejects.toMatchObject({ code: 'till.other_store' })
    await expect(recordRefund(ctx(clerk1), { orderId: 'no-such-order', refundId: 'r-none', amountFen: 100 })).rejects.toMatchObject({ code: 'till.order_not_found' })
  })
})

describe('coupons at the till', () => {
  const deps = () => ({ table: getDeps().table, clock: () => NOW, ids: randomIds, requestId: `req-${randomUUID()}`, rules: rules() })
  const createdBy = () => ({ adminId: 'm_admin', idempotencyKey: randomUUID() })
  async function heldCoupon(m: string, orderId: string, amountFen: number, returnOnRefund: boolean) {
    const t = await createTemplate(deps(), {
      title: '满100减20', description: '', benefit: { kind: 'threshold', thresholdFen: 10_000, amountOffFen: 2000 }, stores: 'all',
      validity: { type: 'days', days: 7 }, totalStock: 10, perMemberLimit: 1, channel: { type: 'public' }, paused: false, returnOnRefund,
    }, createdBy())
    const { coupon } = await claimCoupon(deps(), { memberId: m, templateId: t.id, idempotencyKey: randomUUID() })
    await holdCoupon(deps(), clerk1, coupon.code, orderId, amountFen)
    return coupon.code
  }

  it('redeems the held coupon with the purchase; points and growth come from what was paid; a full refund returns it', async () => {
    const m = await newMember()
    const orderId = order()
    const code = await heldCoupon(m, orderId, 12_800, true)
    await expect(purchase(m, 12_900, { orderId, couponCode: code })).rejects.toMatchObject({ code: 'coupon.hold_amount_mismatch' })
    const action = await purchase(m, 12_800, { orderId, couponCode: code, at: later(MIN) })
    expect(action).toMatchObject({ points: 108, discountFen: 2000, couponCode: code })
    expect((await findCoupon(getDeps().table, code))?.state).toBe('used')
    expect(await growthOf(m)).toBe(10_800)
    await expect(recordRefund(ctx(clerk1), { orderId, refundId: `${orderId}-a`, amountFen: 10_801 })).rejects.toMatchObject({ code: 'till.refund_exceeds_order' })
    await recordRefund(ctx(clerk1), { orderId, refundId: `${orderId}-a`, amountFen: 800 })
    expect((await findCoupon(getDeps().table, code))?.state).toBe('used')
    const full = await recordRefund(ctx(clerk1), { orderId, refundId: `${orderId}-b`, amountFen: 10_000 })
    expect(full.couponCode).toBe(code)
    expect((await findCoupon(getDeps().table, code))?.state).toBe('available')
  })

  it('keeps the coupon used after a full refund when its template says so', async () => {
    const m = await newMember()
    const orderId = order()
    const code = await heldCoupon(m, orderId, 12_800, false)
    await purchase(m, 12_800, { orderId, couponCode: code })
    expect((await recordRefund(ctx(clerk1), { orderId, refundId: `${orderId}-all`, amountFen: 10_800 })).couponCode).toBeNull()
    expect((await findCoupon(getDeps().table, code))?.state).toBe('used')
  })

  it('shows the till the coupons the member can use at its store', async () => {
    const m = await newMember()
    const make = (title: string, stores: 'all' | string[], validity: { type: 'days'; days: number }) =>
      createTemplate(deps(), CouponTemplateInput.parse({
        title, description: '', benefit: { kind: 'fixed', amountOffFen: 500 }, stores, validity, totalStock: 10, perMemberLimit: 1,
        channel: { type: 'public' }, paused: false, returnOnRefund: true,
      }), createdBy())
    for (const t of [
      await make('全店券', 'all', { type: 'days', days: 7 }),
      await make('二店券', ['store-2'], { type: 'days', days: 7 }),
    ]) await claimCoupon(deps(), { memberId: m, templateId: t.id, idempotencyKey: randomUUID() })
    const card = await verifyMemberCode({ table: getDeps().table, clock: () => NOW, piiKey }, rules(), await codeOf(m), 'store-1')
    expect(card.coupons.map((c) => c.title)).toEqual(['全店券'])
  })

  it('gives the coupon back when the purchase is voided — and only then', async () => {
    const m = await newMember()
    const orderId = order()
    const code = await heldCoupon(m, orderId, 12_800, false)
    const action = await purchase(m, 12_800, { orderId, couponCode: code })
    await expect(voidCoupon(deps(), clerk1, code, orderId)).rejects.toMatchObject({ code: 'coupon.void_via_purchase' })
    await voidAction(ctx(clerk1, later(MIN)), action.actionId)
    expect((await findCoupon(getDeps().table, code))?.state).toBe('available')
  })
})

describe('points redemption', () => {
  async function memberWith(pointsAvailable: number): Promise<string> {
    const m = await newMember()
    await purchase(m, pointsAvailable * 100, { at: later(-30 * 86_400_000) })
    await activateDuePending({ table: getDeps().table, clock: () => later(-20 * 86_400_000) })
    return m
  }

  it('spends points as money off at the rules’ rate, within the per-order cap', async () => {
    const m = await memberWith(300)
    const action = await redeemPoints(ctx(clerk1), { memberCode: await codeOf(m), orderId: order(), points: 250 })
    expect(action).toMatchObject({ kind: 'redemption', points: 250, discountFen: 250 })
    expect(await points(m)).toMatchObject({ available: 50 })
    await expect(redeemPoints(ctx(clerk1, later(MIN)), { memberCode: await codeOf(m, later(MIN)), orderId: order(), points: 51 })).rejects.toMatchObject({ code: 'points.insufficient' })
    const capped = ctx(clerk1, later(2 * MIN), rules({ maxRedeemPointsPerOrder: 20 }))
    await expect(redeemPoints(capped, { memberCode: await codeOf(m, later(2 * MIN)), orderId: order(), points: 21 })).rejects.toMatchObject({ code: 'till.redemption_cap' })
    const odd = ctx(clerk1, later(2 * MIN), rules({ redeemPointsPerYuan: 150 }))
    await expect(redeemPoints(odd, { memberCode: await codeOf(m, later(2 * MIN)), orderId: order(), points: 4 })).rejects.toMatchObject({ code: 'till.redemption_step' })
    await expect(redeemPoints(odd, { memberCode: await codeOf(m, later(2 * MIN)), orderId: order(), points: 3 })).resolves.toMatchObject({ discountFen: 2 })
  })

  it('never overspends under concurrent redemptions of different orders', async () => {
    const m = await memberWith(100)
    const code = await codeOf(m)
    // One code serves one order, so each till scans at its own step.
    const outcomes = await Promise.allSettled(Array.from({ length: 6 }, async (_, i) => {
      const at = later(i * 30_000)
      return redeemPoints(ctx(clerk1, at), { memberCode: i === 0 ? code : await codeOf(m, at), orderId: order(), points: 30 })
    }))
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(3)
    expect(await points(m, later(4 * MIN))).toMatchObject({ available: 10 })
  })

  it('voids a redemption: the points come back once', async () => {
    const m = await memberWith(100)
    const action = await redeemPoints(ctx(clerk1), { memberCode: await codeOf(m), orderId: order(), points: 60 })
    const voided = await voidAction(ctx(clerk1, later(MIN)), action.actionId)
    expect(voided).toMatchObject({ voided: true, replayed: false })
    expect(await voidAction(ctx(clerk1, later(2 * MIN)), action.actionId)).toMatchObject({ voided: true, replayed: true })
    expect(await points(m, later(3 * MIN))).toMatchObject({ available: 100 })
  })
})

describe('voiding a redemption returns the points to the lots they came from', () => {
  const seed = (m: string, points: number, iso: string) =>
    earn({ table: getDeps().table, clock: () => new Date(iso) }, rules(), { memberId: m, key: `seed:${m}:${iso}`, code: 'adjustment', points, ref: 'seed' })
  const lotsOf = async (m: string, at: Date) => Object.fromEntries((await points(m, at)).lots.map((l) => [l.month, l.points]))

  it('a lot expiring this month and a later one hold the same points again', async () => {
    const m = await newMember()
    await seed(m, 20, '2025-11-10T04:00:00Z') // lot 2026-11: expires at the end of this month
    await seed(m, 50, '2026-01-15T04:00:00Z') // lot 2027-01
    const action = await redeemPoints(ctx(clerk1), { memberCode: await codeOf(m), orderId: order(), points: 30 })
    expect(await lotsOf(m, NOW)).toEqual({ '2027-01': 40 })
    await voidAction(ctx(clerk1, later(MIN)), action.actionId)
    expect(await lotsOf(m, later(MIN))).toEqual({ '2026-11': 20, '2027-01': 50 })
    expect(await points(m, later(MIN))).toMatchObject({ available: 70, lifetime: { spent: 0, expired: 0 } })
  })

  it('points of a month that ended before the void come back expired, and stay so however often the job runs', async () => {
    const m = await newMember()
    await seed(m, 40, '2025-11-10T04:00:00Z') // lot 2026-11
    await seed(m, 50, '2026-01-15T04:00:00Z') // lot 2027-01
    const redeemedAt = new Date('2026-11-30T15:55:00Z') // 23:55 on 30 November in Shanghai
    const action = await redeemPoints(ctx(clerk1, redeemedAt), { memberCode: await codeOf(m, redeemedAt), orderId: order(), points: 30 })
    // 00:01 on 1 December: the job expires what is left of the November lot.
    const jobs = (iso: string) => expireDueLots({ table: getDeps().table, clock: () => new Date(iso) })
    await jobs('2026-11-30T16:01:00Z')
    expect(await points(m, new Date('2026-11-30T16:02:00Z'))).toMatchObject({ available: 50, lifetime: { expired: 10 } })
    // The clerk voids within their 15 minutes, already in December.
    const voidedAt = new Date('2026-11-30T16:05:00Z')
    await voidAction(ctx(clerk1, voidedAt), action.actionId)
    for (const run of ['2026-11-30T16:06:00Z', '2026-12-01T16:00:00Z']) await jobs(run)
    expect(await lotsOf(m, voidedAt)).toEqual({ '2027-01': 50 })
    expect(await points(m, voidedAt)).toMatchObject({ available: 50, lifetime: { expired: 40, spent: 0 } })
    const history = await listHistory(getDeps().table, m, { limit: 1 })
    expect(history.items[0]).toMatchObject({ code: 'till_redemption_void', points: 0 })
    expect((await reconcile(getDeps().table)).drifts).toEqual([])
  })
})

describe('void', () => {
  it('lets a clerk undo their own purchase until the window ends, to the millisecond', async () => {
    const m = await newMember()
    const [a, b] = [await purchase(m, 1000), await purchase(m, 2000, { at: later(30_000) })]
    await expect(voidAction(ctx(clerk1, later(15 * MIN + 1)), a.actionId)).rejects.toMatchObject({ code: 'till.void_window_passed' })
    await expect(voidAction(ctx(clerk1, later(15 * MIN, later(30_000))), b.actionId)).resolves.toMatchObject({ voided: true })
    expect(await points(m)).toMatchObject({ pending: 10 })
    expect(await growthOf(m)).toBe(1000)
  })

  it('lets a manager undo any action of their store that Shanghai day, never another store’s', async () => {
    const m = await newMember()
    const a = await purchase(m, 1000)
    await expect(voidAction(ctx(clerk1b, later(MIN)), a.actionId)).rejects.toMatchObject({ code: 'till.void_not_allowed' })
    await expect(voidAction(ctx(clerk2, later(MIN)), a.actionId)).rejects.toMatchObject({ code: 'till.other_store' })
    // 23:59 Shanghai the same day is still "that day"; 00:00 the next is not.
    await expect(voidAction(ctx(manager1, new Date('2026-11-25T16:00:00Z')), a.actionId)).rejects.toMatchObject({ code: 'till.void_not_allowed' })
    await expect(voidAction(ctx(manager1, new Date('2026-11-25T15:59:59Z')), a.actionId)).resolves.toMatchObject({ voided: true })
    expect(await points(m)).toMatchObject({ pending: 0 })
  })

  it('undoes a purchase: its points and growth; no refund or second void after; a retry of the purchase answers it voided', async () => {
    const m = await newMember()
    const a = await purchase(m, 10_000)
    await voidAction(ctx(clerk1, later(MIN)), a.actionId)
    expect(await points(m)).toMatchObject({ pending: 0, available: 0, debt: 0 })
    expect(await growthOf(m)).toBe(0)
    await expect(recordRefund(ctx(clerk1), { orderId: a.orderId, refundId: `${a.orderId}-q`, amountFen: 100 })).rejects.toMatchObject({ code: 'till.order_voided' })
    // A retry of the purchase answers with the (voided) purchase; nothing is earned again.
    expect(await purchase(m, 10_000, { orderId: a.orderId, at: later(2 * MIN) })).toMatchObject({ voided: true, replayed: true })
    expect(await points(m)).toMatchObject({ pending: 0 })
  })

  it('refuses to void a refund, and a purchase that has refunds (422 till.void_after_refund): the rest is refunded instead', async () => {
    const m = await newMember()
    const a = await purchase(m, 10_000)
    const refund = await recordRefund(ctx(clerk1), { orderId: a.orderId, refundId: `${a.orderId}-p`, amountFen: 4000 })
    await expect(voidAction(ctx(clerk1, later(MIN)), refund.actionId)).rejects.toMatchObject({ code: 'till.void_unsupported' })
    const before = await writes()
    await expect(voidAction(ctx(clerk1, later(MIN)), a.actionId)).rejects.toMatchObject({ code: 'till.void_after_refund', message: expect.stringContaining('请对剩余金额退款') })
    expect(await writes()).toEqual(before)
    await recordRefund(ctx(clerk1), { orderId: a.orderId, refundId: `${a.orderId}-rest`, amountFen: 6000 })
    expect(await points(m)).toMatchObject({ pending: 0, available: 0, debt: 0 })
    expect(await growthOf(m)).toBe(0)
  })

  it('a 100 元 sale, fully refunded, then voided: the void is refused and the day nets zero, never negative', async () => {
    const staff: StaffMember = { staffId: `m_net${randomUUID().slice(0, 6)}`, storeId: `store-net-${randomUUID().slice(0, 6)}`, role: 'clerk' }
    const m = await newMember()
    const a = await purchase(m, 10_000, { staff })
    await recordRefund(ctx(staff), { orderId: a.orderId, refundId: `${a.orderId}-all`, amountFen: 10_000 })
    await expect(voidAction(ctx(staff, later(MIN)), a.actionId)).rejects.toMatchObject({ code: 'till.void_after_refund' })
    const day = await storeDaySummary(getDeps().table, staff.storeId, '2026-11-25')
    expect(day).toMatchObject({ purchases: 1, purchaseFen: 10_000, refunds: 1, refundFen: 10_000, voids: 0, pointsIssued: 100, pointsReversed: 100 })
    expect(day.purchaseFen - day.refundFen).toBe(0)
  })

  it('a refund racing a void of the same purchase: exactly one of them happens, and the day never nets negative', async () => {
    const staff: StaffMember = { staffId: `m_race${randomUUID().slice(0, 6)}`, storeId: `store-race-${randomUUID().slice(0, 6)}`, role: 'clerk' }
    for (let trial = 0; trial < 4; trial++) {
      const m = await newMember()
      const a = await purchase(m, 10_000, { staff })
      const outcomes = await Promise.allSettled([
        recordRefund(ctx(staff), { orderId: a.orderId, refundId: `${a.orderId}-all`, amountFen: 10_000 }),
        voidAction(ctx(staff), a.actionId),
      ])
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1)
      const refused = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected')
      expect(['till.order_voided', 'till.void_after_refund']).toContain(refused?.reason.code)
      expect(await points(m)).toMatchObject({ pending: 0, available: 0, debt: 0 })
    }
    const day = await storeDaySummary(getDeps().table, staff.storeId, '2026-11-25')
    expect(day.purchaseFen - day.refundFen).toBeGreaterThanOrEqual(0)
    expect(day.purchases + day.voids).toBe(4)
    expect(day.refunds + day.voids).toBe(4)
  })
})

describe('summary and audit', () => {
  it('counts the store’s day and keeps an audit entry per action, filterable by staff, newest first', async () => {
    const day = new Date('2026-11-20T03:00:00Z')
    const at = (min: number) => later(min * MIN, day)
    const m = await newMember()
    const store = `store-sum-${randomUUID().slice(0, 6)}`
    const [c, mgr]: StaffMember[] = [{ staffId: 'm_sumclerk', storeId: store, role: 'clerk' }, { staffId: 'm_summgr', storeId: store, role: 'manager' }]
    const p1 = await purchase(m, 12_800, { staff: c, at: at(0) })
    await purchase(m, 5_000, { staff: mgr, at: at(1) })
    await recordRefund(ctx(c, at(2)), { orderId: p1.orderId, refundId: `${p1.orderId}-r`, amountFen: 2800 })
    const p3 = await purchase(m, 1000, { staff: c, at: at(3) })
    await voidAction(ctx(c, at(4)), p3.actionId)
    expect(await storeDaySummary(getDeps().table, store, '2026-11-20')).toEqual({
      storeId: store, date: '2026-11-20', purchases: 2, purchaseFen: 17_800, pointsIssued: 178, couponsRedeemed: 0, discountFen: 0,
      refunds: 1, refundFen: 2800, pointsReversed: 28, redemptions: 0, pointsRedeemed: 0, voids: 1,
    })
    expect(await storeDaySummary(getDeps().table, store, '2026-11-21')).toMatchObject({ purchases: 0, voids: 0 })

    const all = await listAudit(getDeps().table, store, '2026-11-20', { limit: 50 })
    expect(all.items.map((i) => i.action)).toEqual(['void', 'purchase', 'refund', 'purchase', 'purchase'])
    expect(all.items[0]).toMatchObject({ staffId: c.staffId, storeId: store, memberId: m, orderId: p3.orderId, amountFen: 1000, points: 10 })
    const page1 = await listAudit(getDeps().table, store, '2026-11-20', { limit: 2, staffId: c.staffId as AuditQuery['staffId'] })
    expect(page1.items.map((i) => i.action)).toEqual(['void', 'purchase'])
    const page2 = await listAudit(getDeps().table, store, '2026-11-20', { limit: 2, staffId: c.staffId as AuditQuery['staffId'], cursor: page1.nextCursor! })
    expect(page2.items.map((i) => i.action)).toEqual(['refund', 'purchase'])
    expect(page2.nextCursor).toBeNull()
  })

  it('leaves the ledger reconciled after all of the above', async () => {
    const report = await reconcile(getDeps().table)
    expect(report.drifts).toEqual([])
  })
})
