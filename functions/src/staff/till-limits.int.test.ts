import { randomBytes, randomUUID } from 'node:crypto'
import { decodeSecret, memberCodeForStep, stepAt } from '@siyu/shared/rules/member-code'
import { defaultProgramRules, type ProgramRules } from '@siyu/shared/rules/program-rules'
import { useIntegrationEnv } from '../../../test/integration'
import { getDeps } from '../lib/deps'
import { loginByOpenid } from '../members/members'
import { ensureCodeSecret } from '../member-code/secret'
import { scanMemberCode } from '../member-code/scan'
import { recordPurchase } from './purchase'
import { redeemPoints } from './redemption'
import { recordRefund } from './refund'
import type { StaffMember } from './staff-auth'
import type { TillContext } from './till-context'
import { voidAction } from './void'

useIntegrationEnv()

/**
 * Every till action counts against the caller's per-minute allowance (`till.actionsPerMinute`),
 * and every action on one member — from any till — against the member's own
 * (`till.memberActionsPerMinute`). Clocks are injected: a bucket refills with time, not speed.
 */
const piiKey = randomBytes(32)
const NOW = new Date('2026-11-25T02:00:00Z')
const MIN = 60_000
const later = (ms: number) => new Date(NOW.getTime() + ms)

const rules = (till: Partial<ProgramRules['till']>): ProgramRules => {
  const r = defaultProgramRules()
  return { ...r, till: { ...r.till, actionsPerMinute: 10_000, memberActionsPerMinute: 10_000, ...till } }
}
const ctx = (staff: StaffMember, r: ProgramRules, now = NOW): TillContext => ({ table: getDeps().table, clock: () => now, piiKey, rules: r, staff, requestId: `req-${randomUUID()}` })
const clerk = (storeId = 'store-1'): StaffMember => ({ staffId: `m_lim${randomUUID().replace(/-/g, '').slice(0, 10)}`, storeId, role: 'clerk' })
const order = () => `o-${randomUUID().slice(0, 12)}`
const generous = rules({})

async function newMember(): Promise<string> {
  const { member } = await loginByOpenid({ ...getDeps(), clock: () => NOW }, { openid: `limits-${randomUUID()}` })
  return member.memberId
}

async function codeOf(memberId: string, at = NOW): Promise<string> {
  const s = await ensureCodeSecret({ table: getDeps().table, clock: () => at, piiKey }, generous, memberId)
  return memberCodeForStep(s.shortId, decodeSecret(s.secret), stepAt(at, s.stepSeconds))
}

/** Purchases of `count` orders for `m` by a generous till, each at its own code step. */
async function ordersOf(m: string, count: number, staff = clerk()) {
  const out = []
  for (let i = 0; i < count; i++) {
    const at = later(-(i + 1) * 60 * 1000 * 60)
    out.push(await recordPurchase(ctx(staff, generous, at), { memberCode: await codeOf(m, at), orderId: order(), amountFen: 10_000 }))
  }
  return out
}

const limited = { code: 'rate.limited' }

describe('a staff member’s allowance counts refunds and voids', () => {
  it('refunds: the fourth in a minute is 429, the next minute is fine', async () => {
    const [m, staff] = [await newMember(), clerk()]
    const [o] = await ordersOf(m, 1, staff)
    const r = rules({ actionsPerMinute: 3 })
    const refund = (i: number, now = NOW) => recordRefund(ctx(staff, r, now), { orderId: o.orderId, refundId: `${o.orderId}-${i}`, amountFen: 100 })
    for (let i = 0; i < 3; i++) await refund(i)
    await expect(refund(3)).rejects.toMatchObject({ ...limited, message: expect.stringContaining('每分钟最多 3 次') })
    await expect(refund(4, later(MIN))).resolves.toMatchObject({ kind: 'refund' })
  })

  it('voids: refused ones count too', async () => {
    const [m, staff] = [await newMember(), clerk()]
    const orders = await ordersOf(m, 2, staff)
    const r = rules({ actionsPerMinute: 3, voidWindowMinutes: 24 * 60 })
    await voidAction(ctx(staff, r), orders[0].actionId)
    await expect(voidAction(ctx(staff, r), 'pur_no-such-order')).rejects.toMatchObject({ code: 'till.action_not_found' })
    await voidAction(ctx(staff, r), orders[0].actionId) // a retry
    await expect(voidAction(ctx(staff, r), orders[1].actionId)).rejects.toMatchObject(limited)
    await expect(voidAction(ctx(staff, r, later(MIN)), orders[1].actionId)).resolves.toMatchObject({ voided: true })
  })
})

describe('a member’s allowance counts till actions on them from every till', () => {
  const perMember = rules({ memberActionsPerMinute: 4 })

  it('scans, purchases, redemptions, refunds and voids on one member from several tills: the fifth is 429', async () => {
    const [m, other] = [await newMember(), await newMember()]
    const orders = await ordersOf(m, 2)
    // Five tills of the store; the fifth a manager's, who may void the others' actions.
    const tills = [clerk(), clerk(), clerk(), clerk(), { ...clerk(), role: 'manager' as const }]
    await scanMemberCode(ctx(tills[0], perMember), await codeOf(m))
    await recordPurchase(ctx(tills[1], perMember), { memberCode: await codeOf(m), orderId: order(), amountFen: 500 })
    await recordRefund(ctx(tills[2], perMember), { orderId: orders[0].orderId, refundId: `${orders[0].orderId}-r`, amountFen: 100 })
    await expect(redeemPoints(ctx(tills[3], perMember), { memberCode: await codeOf(m, later(30_000)), orderId: order(), points: 10 })).rejects.toMatchObject({ code: 'points.insufficient' })
    await expect(voidAction(ctx(tills[4], perMember), orders[1].actionId)).rejects.toMatchObject({ ...limited, message: expect.stringContaining('该会员') })
    await expect(scanMemberCode(ctx(tills[4], perMember), await codeOf(m))).rejects.toMatchObject(limited)
    // Another member is served as usual, and this one again a minute later.
    await expect(scanMemberCode(ctx(tills[4], perMember), await codeOf(other))).resolves.toMatchObject({ memberId: other })
    await expect(scanMemberCode(ctx(tills[4], perMember, later(MIN)), await codeOf(m, later(MIN)))).resolves.toMatchObject({ memberId: m })
  })

  it('counts a scan with a wrong one-time code against the member: codes cannot be guessed from many tills', async () => {
    const m = await newMember()
    const code = await codeOf(m)
    const wrong = `${code.slice(0, 8)}${String((Number(code.slice(8)) + 1) % 1_000_000).padStart(6, '0')}`
    for (let i = 0; i < 4; i++) await expect(scanMemberCode(ctx(clerk(), perMember), wrong)).rejects.toMatchObject({ code: 'member_code.invalid' })
    await expect(scanMemberCode(ctx(clerk(), perMember), code)).rejects.toMatchObject(limited)
  })

  it('does not count a retry the till answers from its record', async () => {
    const m = await newMember()
    const body = { memberCode: await codeOf(m), orderId: order(), amountFen: 500 }
    const first = await recordPurchase(ctx(clerk(), perMember), body)
    for (let i = 0; i < 6; i++) await expect(recordPurchase(ctx(clerk(), perMember), body)).resolves.toEqual({ ...first, replayed: true })
  })

  it('defaults to a generous number from the rules', () => {
    expect(defaultProgramRules().till.memberActionsPerMinute).toBe(20)
  })
})
