import type { StoreDaySummary } from '@siyu/shared/schemas/staff'
import { auditActionLabel, auditFigures } from './audit-text'
import { isQuietDay, summaryGroups } from './summary-figures'

const day: StoreDaySummary = {
  storeId: 'store-1', date: '2026-11-25', purchases: 3, purchaseFen: 38400, pointsIssued: 364, couponsRedeemed: 1, discountFen: 2000,
  refunds: 1, refundFen: 6400, pointsReversed: 64, redemptions: 1, pointsRedeemed: 300, voids: 0,
}

describe('summaryGroups', () => {
  it('groups the day with amounts in yuan', () => {
    const groups = summaryGroups(day)
    expect(groups.map((g) => g.title)).toEqual(['消费', '优惠与积分抵现', '退款与撤销'])
    const figures = Object.fromEntries(groups.flatMap((g) => g.figures.map((f) => [f.label, f.value])))
    expect(figures).toEqual({
      消费笔数: '3', 消费金额: '¥384.00', 发放积分: '364', 核销优惠券: '1', 积分抵现笔数: '1', 抵现积分: '300', '减免金额（券+积分）': '¥20.00',
      退款笔数: '1', 退款金额: '¥64.00', 扣回积分: '64', 撤销笔数: '0',
    })
  })

  it('knows a day without till actions', () => {
    expect(isQuietDay(day)).toBe(false)
    expect(isQuietDay({ ...day, purchases: 0, refunds: 0, redemptions: 0 })).toBe(true)
  })
})

describe('audit text', () => {
  it.each([
    ['purchase', 12800, 128, '记录消费', '¥128.00 · +128 积分'],
    ['refund', 6400, 64, '退款', '¥64.00 · 扣回 64 积分'],
    ['redemption', 12800, 300, '积分抵现', '¥128.00 · 抵现 300 积分'],
    ['void', null, null, '撤销', ''],
    ['bind', null, 0, 'bind', ''],
  ] as const)('%s', (action, amountFen, points, label, figures) => {
    expect(auditActionLabel(action)).toBe(label)
    expect(auditFigures({ action, amountFen, points })).toBe(figures)
  })
})
