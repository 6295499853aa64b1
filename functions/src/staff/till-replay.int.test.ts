import { randomBytes, randomUUID } from 'node:crypto'
import { decodeSecret, memberCodeForStep, stepAt } from '@siyu/shared/rules/member-code'
import { defaultProgramRules, type ProgramRules } from '@siyu/shared/rules/program-rules'
import type { TillAction } from '@siyu/shared/schemas/staff'
import { useIntegrationEnv } from '../../../test/integration'
import { getDeps } from '../lib/deps'
import { randomIds } from '../lib/ids'
import { claimCoupon } from '../coupons/claim'
import { createTemplate } from '../coupons/templates'
import { holdCoupon } from '../coupons/till'
import { loginByOpenid } from '../members/members'
import { ensureCodeSecret } from '../member-code/secret'
import { activateDuePending } from '../ledger/jobs'
import { getSummary } from '../ledger/queries'
import { reconcile } from '../ledger/reconcile'
import { recordPurchase } from './purchase'
import { redeemPoints } from './redemption'
import { recordRefund } from './refund'
import { storeDaySummary } from './reports'
import type { StaffMember } from './staff-auth'
import type { TillContext } from './till-context'
import { voidAction } from './void'

useIntegrationEnv()

/**
 * A till that retries (a POS, a phone on a bad network) may send the same request several times
 * at once. Every copy must answer the first result — never "还可退 0.00 元", "已撤销" or "积分不足"
 * for its own successful request — with exactly one `replayed: false` and one effect.
 */
const piiKey = randomBytes(32)
const NOW = new Date('2026-11-25T02:00:00Z') // 10:00 in Shanghai
const MIN = 60_000
const COPIES = 5
const TRIALS = 4

const rules = (): ProgramRules => {
  const r = defaultProgramRules()
  return { ...r, till: { ...r.till, actionsPerMinute: 10_000, memberActionsPerMinute: 10_000 } }
}
const ctx = (staff: StaffMember, now = NOW): TillContext => ({ table: getDeps().table, clock: () => now, piiKey, rules: rules(), staff, requestId: `req-${randomUUID()}` })
const newStore = (): StaffMember => ({ staffId: `m_rp${randomUUID().replace(/-/g, '').slice(0, 10)}`, storeId: `store-rp-${randomUUID().slice(0, 8)}`, role: 'clerk' })
const order = () => `o-${randomUUID().slice(0, 12)}`

async function newMember(): Promise<string> {
  const { member } = await loginByOpenid({ ...getDeps(), clock: () => NOW }, { openid: `replay-${randomUUID()}` })
  return member.memberId
}

async function codeOf(memberId: string, at = NOW): Promise<string> {
  const s = await ensureCodeSecret({ table: getDeps().table, clock: () => at, piiKey }, rules(), memberId)
  return memberCodeForStep(s.shortId, decodeSecret(s.secret), stepAt(at, s.stepSeconds))
}

const points = (memberId: string, at = NOW) => getSummary(getDeps().table, memberId, rules(), at)

/** Sends `COPIES` copies at once; every one must succeed. */
async function copies(send: () => Promise<TillAction>): Promise<TillAction[]> {
  const outcomes = await Promise.allSettled(Array.from({ length: COPIES }, send))
  const refusals = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected').map((o) => `${o.reason?.code}: ${o.reason?.message}`)
  expect(refusals).toEqual([])
  return outcomes.map((o) => (o as PromiseFulfilledResult<TillAction>).value)
}

function expectOneOriginal(answers: TillAction[]) {
  expect(answers.map((a) => a.replayed).sort()).toEqual([false, ...Array(COPIES - 1).fill(true)])
  const bare = answers.map(({ replayed: _r, ...rest }) => rest)
  for (const a of bare) expect(a).toEqual(bare[0])
}

async function memberWith(available: number, staff: StaffMember): Promise<string> {
  const m = await newMember()
  const past = new Date(NOW.getTime() - 30 * 86_400_000)
  await recordPurchase(ctx(staff, past), { memberCode: await codeOf(m, past), orderId: order(), amountFen: available * 100 })
  await activateDuePending({ table: getDeps().table, clock: () => new Date(NOW.getTime() - 20 * 86_400_000) })
  return m
}

describe(`${COPIES} copies of one till request at once, ${TRIALS} times`, () => {
  it('a purchase: one order, one set of points', async () => {
    const staff = newStore()
    for (let trial = 0; trial < TRIALS; trial++) {
      const m = await newMember()
      const body = { memberCode: await codeOf(m), orderId: order(), amountFen: 12_800 }
      expectOneOriginal(await copies(() => recordPurchase(ctx(staff), body)))
      expect(await points(m)).toMatchObject({ pending: 128 })
    }
    expect(await storeDaySummary(getDeps().table, staff.storeId, '2026-11-25')).toMatchObject({ purchases: TRIALS, purchaseFen: TRIALS * 12_800 })
  })

  it('a purchase that redeems a held coupon: never "优惠券已使用" to a copy of the purchase that used it', async () => {
    const staff = newStore()
    const deps = { table: getDeps().table, clock: () => NOW, ids: randomIds }
    const t = await createTemplate(deps, {
      title: '满100减20', description: '', benefit: { kind: 'threshold', thresholdFen: 10_000, amountOffFen: 2000 }, stores: 'all',
      validity: { type: 'days', days: 7 }, totalStock: 10, perMemberLimit: 1, channel: { type: 'public' }, paused: false, returnOnRefund: true,
    }, { adminId: 'm_admin', idempotencyKey: `tpl-${randomUUID()}` })
    for (let trial = 0; trial < TRIALS; trial++) {
      const m = await newMember()
      const orderId = order()
      const { coupon } = await claimCoupon(deps, { memberId: m, templateId: t.id, idempotencyKey: `claim-${orderId}` })
      await holdCoupon({ ...deps, requestId: `req-${orderId}`, rules: ctx(staff).rules }, staff, coupon.code, orderId, 12_800)
      const body = { memberCode: await codeOf(m), orderId, amountFen: 12_800, couponCode: coupon.code }
      const answers = await copies(() => recordPurchase(ctx(staff), body))
      expectOneOriginal(answers)
      expect(answers[0]).toMatchObject({ points: 108, discountFen: 2000 })
    }
  })

  it('a full refund: never "还可退 0.00 元" to a copy of the refund that took it', async () => {
    const staff = newStore()
    for (let trial = 0; trial < TRIALS; trial++) {
      const m = await newMember()
      const { orderId } = await recordPurchase(ctx(staff), { memberCode: await codeOf(m), orderId: order(), amountFen: 10_000 })
      const body = { orderId, refundId: `${orderId}-r`, amountFen: 10_000 }
      const answers = await copies(() => recordRefund(ctx(staff, new Date(NOW.getTime() + MIN)), body))
      expectOneOriginal(answers)
      expect(answers[0]).toMatchObject({ kind: 'refund', points: 100 })
      expect(await points(m)).toMatchObject({ pending: 0, available: 0, debt: 0 })
    }
    expect(await storeDaySummary(getDeps().table, staff.storeId, '2026-11-25')).toMatchObject({ refunds: TRIALS, refundFen: TRIALS * 10_000, pointsReversed: TRIALS * 100 })
  })

  it('a void of a purchase: never "已撤销" to a copy of the void that did it', async () => {
    const staff = newStore()
    for (let trial = 0; trial < TRIALS; trial++) {
      const m = await newMember()
      const { actionId } = await recordPurchase(ctx(staff), { memberCode: await codeOf(m), orderId: order(), amountFen: 10_000 })
      const answers = await copies(() => voidAction(ctx(staff, new Date(NOW.getTime() + MIN)), actionId))
      expectOneOriginal(answers)
      expect(answers[0]).toMatchObject({ voided: true })
      expect(await points(m)).toMatchObject({ pending: 0 })
    }
    expect(await storeDaySummary(getDeps().table, staff.storeId, '2026-11-25')).toMatchObject({ purchases: 0, voids: TRIALS })
  })

  it('a redemption at the exact balance: never "积分不足" to a copy of the redemption that spent it', async () => {
    const staff = newStore()
    for (let trial = 0; trial < TRIALS; trial++) {
      const m = await memberWith(100, staff)
      const body = { memberCode: await codeOf(m), orderId: order(), points: 100 }
      expectOneOriginal(await copies(() => redeemPoints(ctx(staff), body)))
      expect(await points(m)).toMatchObject({ available: 0 })
    }
    expect(await storeDaySummary(getDeps().table, staff.storeId, '2026-11-25')).toMatchObject({ redemptions: TRIALS, pointsRedeemed: TRIALS * 100 })
  })

  it('a void of a redemption: the points come back once', async () => {
    const staff = newStore()
    for (let trial = 0; trial < TRIALS; trial++) {
      const m = await memberWith(100, staff)
      const { actionId } = await redeemPoints(ctx(staff), { memberCode: await codeOf(m), orderId: order(), points: 60 })
      expectOneOriginal(await copies(() => voidAction(ctx(staff, new Date(NOW.getTime() + MIN)), actionId)))
      expect(await points(m)).toMatchObject({ available: 100 })
    }
    expect(await storeDaySummary(getDeps().table, staff.storeId, '2026-11-25')).toMatchObject({ redemptions: 0, pointsRedeemed: 0, voids: TRIALS })
  })

  it('leaves the ledger reconciled', async () => {
    expect((await reconcile(getDeps().table)).drifts).toEqual([])
  })
})
