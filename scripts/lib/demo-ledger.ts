import { randomBytes } from 'node:crypto'
import { shanghaiMonth } from '@siyu/shared/rules/business-day'
import { decodeSecret, memberCodeAt } from '@siyu/shared/rules/member-code'
import type { ProgramRules } from '@siyu/shared/rules/program-rules'
import type { Table } from '../../functions/src/lib/db'
import { checkIn } from '../../functions/src/checkin/checkin'
import { exchangeCoupon } from '../../functions/src/coupons/claim'
import { activateDuePending } from '../../functions/src/ledger/jobs'
import { activatePurchase } from '../../functions/src/ledger/operations'
import { ensureCodeSecret } from '../../functions/src/member-code/secret'
import { getMember } from '../../functions/src/members/members'
import { bindReferral } from '../../functions/src/referrals/bind'
import { ensureInviteCode } from '../../functions/src/referrals/invite-code'
import { issueOpenTicket } from '../../functions/src/referrals/open-ticket'
import { rewardRefs } from '../../functions/src/referrals/referral-item'
import { recordPurchase } from '../../functions/src/staff/purchase'
import { redeemPoints } from '../../functions/src/staff/redemption'
import { recordRefund } from '../../functions/src/staff/refund'
import type { StaffMember } from '../../functions/src/staff/staff-auth'

const DAY = 86_400_000

/**
 * Points history of the demo members, dated relative to `now` so the screens always have
 * something current to show (pending points, a lot expiring this month, a member in debt).
 * Every posting has a fixed business key, so loading twice changes nothing.
 */
export async function loadDemoLedger(
  table: Table, piiKey: Buffer, rules: ProgramRules, memberIds: string[], staff: StaffMember[], templates: Map<string, string>, now: Date,
  settled: () => Promise<void>,
): Promise<void> {
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY)
  const deps = (when: Date) => ({ table, clock: () => when })
  // Purchases, redemptions and refunds go through the till, as a clerk of the member's store did them.
  const till = (when: Date, clerk = staff[0]) => ({ table, clock: () => when, piiKey, rules, staff: clerk, requestId: 'demo-data' })
  const codeAt = async (memberId: string, when: Date) => {
    const s = await ensureCodeSecret({ table, clock: () => when, piiKey }, rules, memberId)
    return memberCodeAt(s.shortId, decodeSecret(s.secret), when, s.stepSeconds)
  }
  const checkInDaysAgo = (memberId: string, daysAgo: number) => checkIn(deps(at(daysAgo)), rules, memberId)
  const purchase = async (memberId: string, orderId: string, yuan: number, daysAgo: number, activate: boolean, clerk = staff[0]) => {
    await recordPurchase(till(at(daysAgo), clerk), { memberCode: await codeAt(memberId, at(daysAgo)), orderId, amountFen: yuan * 100 })
    await settled() // its upgrade and referral qualification, as of the sale, before anything later
    const due = daysAgo - rules.points.returnWindowDays - 1
    if (activate) await activatePurchase(deps(at(due)), { memberId, orderId })
  }
  const exchange = (memberId: string, title: string, daysAgo: number, key: string) =>
    exchangeCoupon(deps(at(daysAgo)), { memberId, templateId: templates.get(title)!, idempotencyKey: key })
  const redeemAtTill = async (memberId: string, points: number, daysAgo: number, orderId: string) =>
    redeemPoints(till(at(daysAgo)), { memberCode: await codeAt(memberId, at(daysAgo)), orderId, points })

  const [first, second, ...others] = memberIds

  // demo-member-1: a purchase a year ago whose points expire at the end of this month, 24 days
  // of check-ins in a row up to yesterday (three day-7 bonuses; more than one page of history),
  // a coupon exchanged for 100 points, and a purchase still inside its return window. Posted in
  // time order, as they would have happened.
  const yearAgo = lastYearSameMonth(now)
  await purchase(first, 'demo-order-1001', 300, Math.round((now.getTime() - yearAgo.getTime()) / DAY), true)

  // Referrals: demo-member-1 invited demo-member-19 (whose first purchase, two days after joining,
  // rewarded both) and demo-member-20 (joined, no purchase yet). Dated from when they joined.
  // The share was opened an hour before they joined: the server's ticket of that open, issued and
  // checked here in one process, so any key does.
  const inviteCode = await ensureInviteCode({ table }, first)
  const sessionSecret = randomBytes(32)
  for (const [invitee, yuan] of [[memberIds[18], 88], [memberIds[19], 0]] as const) {
    const joined = new Date((await getMember(table, invitee)).createdAt).getTime()
    const daysAgo = (hoursAfterJoining: number) => (now.getTime() - joined) / DAY - hoursAfterJoining / 24
    const { ticket } = await issueOpenTicket({ ...deps(at(daysAgo(-1))), sessionSecret }, rules, inviteCode)
    await bindReferral({ ...deps(at(daysAgo(1))), sessionSecret }, rules, invitee, { inviteCode, ticket })
    if (!yuan) continue
    await purchase(invitee, `demo-order-${invitee}`, yuan, daysAgo(48), true)
    const released = deps(at(daysAgo(48) - rules.points.returnWindowDays - 1))
    const refs = rewardRefs(invitee)
    await activatePurchase(released, { memberId: first, orderId: refs.referrer })
    await activatePurchase(released, { memberId: invitee, orderId: refs.invitee })
  }
  for (let d = 24; d >= 1; d--) {
    await checkInDaysAgo(first, d)
    if (d === 5) await exchange(first, '积分兑 10 元券', 4.8, 'demo-exchange-1')
  }
  await purchase(first, 'demo-order-1002', 128, 0.1, false)

  // demo-member-2: spent points at the till from a purchase that was then refunded in full → in debt.
  await purchase(second, 'demo-order-2001', 200, 20, true)
  await redeemAtTill(second, 150, 10, 'demo-pos-2001')
  await recordRefund(till(at(3)), { orderId: 'demo-order-2001', refundId: 'demo-refund-2001', amountFen: 200 * 100 })
  await settled()

  // demo-member-3: a 金卡 member — a 5,000 元 purchase two months ago (the most a clerk may record alone) took them over two tiers at once
  // (upgrade gifts of both), so their later purchases earn ×1.5.
  await purchase(others[0], 'demo-order-2501', 5000, 60, true)
  // The upgrade was provisional for the purchase's return window: the hourly job then released its gift points and confirmed it.
  await activateDuePending(deps(at(60 - rules.points.returnWindowDays - 1)), { catchUpDays: 1 })

  // A few more members with a purchase and then some check-ins each.
  for (const [i, memberId] of others.slice(0, 6).entries()) {
    await purchase(memberId, `demo-order-${3001 + i}`, 60 + 25 * i, 15 + i, true, staff[i % staff.length])
    for (let d = 3 + i; d >= 1; d--) await checkInDaysAgo(memberId, d)
  }
}

/** Mid-month, twelve months before `now` (Shanghai calendar): its points expire this month. */
function lastYearSameMonth(now: Date): Date {
  const [y, m] = shanghaiMonth(now).split('-').map(Number)
  return new Date(Date.UTC(y - 1, m - 1, 10, 2))
}
