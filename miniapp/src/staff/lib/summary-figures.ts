import type { StoreDaySummary } from '@siyu/shared/schemas/staff'
import { money } from './money'

export interface SummaryFigure {
  key: string
  label: string
  value: string
}

export interface SummaryGroup {
  key: string
  title: string
  figures: SummaryFigure[]
}

/**
 * A store's day as the 今日汇总 page groups it: sales, money off, refunds and voids.
 * `discountFen` is all money off that day: coupons' discounts and points redeemed as cash.
 */
export function summaryGroups(s: StoreDaySummary): SummaryGroup[] {
  return [
    {
      key: 'sales',
      title: '消费',
      figures: [
        { key: 'purchases', label: '消费笔数', value: String(s.purchases) },
        { key: 'purchase-amount', label: '消费金额', value: money(s.purchaseFen) },
        { key: 'points-issued', label: '发放积分', value: String(s.pointsIssued) },
      ],
    },
    {
      key: 'discounts',
      title: '优惠与积分抵现',
      figures: [
        { key: 'coupons', label: '核销优惠券', value: String(s.couponsRedeemed) },
        { key: 'redemptions', label: '积分抵现笔数', value: String(s.redemptions) },
        { key: 'points-redeemed', label: '抵现积分', value: String(s.pointsRedeemed) },
        { key: 'discount', label: '减免金额（券+积分）', value: money(s.discountFen) },
      ],
    },
    {
      key: 'refunds',
      title: '退款与撤销',
      figures: [
        { key: 'refunds', label: '退款笔数', value: String(s.refunds) },
        { key: 'refund-amount', label: '退款金额', value: money(s.refundFen) },
        { key: 'points-reversed', label: '扣回积分', value: String(s.pointsReversed) },
        { key: 'voids', label: '撤销笔数', value: String(s.voids) },
      ],
    },
  ]
}

/** Whether nothing happened that day (the page then says so instead of a grid of zeros). */
export const isQuietDay = (s: StoreDaySummary) => s.purchases + s.refunds + s.redemptions + s.voids === 0
