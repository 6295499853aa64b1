import { shanghaiMonth } from '@siyu/shared/rules/business-day'
import type { ProgramRules } from '@siyu/shared/rules/program-rules'
import type { Table } from '../../functions/src/lib/db'
import { checkIn } from '../../functions/src/checkin/checkin'
import { exchangeCoupon } from '../../functions/src/coupons/claim'
import { activatePurchase, earnPurchase, reversePurchase, spend } from '../../functions/src/ledger/operations'

const DAY = 86_400_000

/**
 * Points history of the demo members, dated relative to `now` so the screens always have
 * something current to show (pending points, a lot expiring this month, a member in debt).
 * Every posting has a fixed business key, so loading twice changes nothing.
 */
export async function loadDemoLedger(table: Table, rules: ProgramRules, memberIds: string[], templates: Map<string, string>, now: Date): Promise<void> {
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY)
  const deps = (when: Date) => ({ table, clock: () => when })
  const checkInDaysAgo = (memberId: string, daysAgo: number) => checkIn(deps(at(daysAgo)), rules, memberId)
  const purchase = async (memberId: string, orderId: string, yuan: number, daysAgo: number, activate: boolean) => {
    await earnPurchase(deps(at(daysAgo)), rules, { memberId, orderId, points: yuan * rules.earning.pointsPerYuan, payload: { amountFen: yuan * 100 } })
    const due = daysAgo - rules.points.returnWindowDays - 1
    if (activate) await activatePurchase(deps(at(due)), { memberId, orderId })
  }
  const exchange = (memberId: string, title: string, daysAgo: number, key: string) =>
    exchangeCoupon(deps(at(daysAgo)), { memberId, templateId: templates.get(title)!, idempotencyKey: key })
  const redeemAtTill = (memberId: string, points: number, daysAgo: number, ref: string) =>
    spend(deps(at(daysAgo)), { memberId, key: `demo:${memberId}:${ref}`, code: 'till_redemption', points, ref, note: '门店积分抵现' })

  const [first, second, ...others] = memberIds

  // demo-member-1: a purchase a year ago whose points expire at the end of this month, 24 days
  // of check-ins in a row up to yesterday (three day-7 bonuses; more than one page of history),
  // a coupon exchanged for 100 points, and a purchase still inside its return window. Posted in
  // time order, as they would have happened.
  const yearAgo = lastYearSameMonth(now)
  await purchase(first, 'demo-order-1001', 300, Math.round((now.getTime() - yearAgo.getTime()) / DAY), true)
  for (let d = 24; d >= 1; d--) {
    await checkInDaysAgo(first, d)
    if (d === 5) await exchange(first, '积分兑 10 元券', 4.8, 'demo-exchange-1')
  }
  await purchase(first, 'demo-order-1002', 128, 0.1, false)

  // demo-member-2: spent points at the till from a purchase that was then refunded in full → in debt.
  await purchase(second, 'demo-order-2001', 200, 20, true)
  await redeemAtTill(second, 150, 10, 'demo-pos-2001')
  await reversePurchase(deps(at(3)), { memberId: second, orderId: 'demo-order-2001', refundId: 'demo-refund-2001', points: 200 })

  // A few more members with a purchase and then some check-ins each.
  for (const [i, memberId] of others.slice(0, 6).entries()) {
    await purchase(memberId, `demo-order-${3001 + i}`, 60 + 25 * i, 15 + i, true)
    for (let d = 3 + i; d >= 1; d--) await checkInDaysAgo(memberId, d)
  }
}

/** Mid-month, twelve months before `now` (Shanghai calendar): its points expire this month. */
function lastYearSameMonth(now: Date): Date {
  const [y, m] = shanghaiMonth(now).split('-').map(Number)
  return new Date(Date.UTC(y - 1, m - 1, 10, 2))
}
