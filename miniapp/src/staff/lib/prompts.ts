import { money, redemptionValueFen } from './money'

/** The confirmation texts of the till's actions: what will happen, with the figures. */

export interface PurchaseDraft {
  orderId: string
  amountFen: number
  /** From the coupon held for the order (0 without one). */
  discountFen: number
  giftName: string | null
  /** The points the server will post (`expectedPoints` of the member card). */
  points: number
}

export function purchasePrompt(d: PurchaseDraft): string {
  const paid = d.amountFen - d.discountFen
  return [
    `订单 ${d.orderId}`,
    `订单金额 ${money(d.amountFen)}`,
    ...(d.discountFen > 0 ? [`优惠券抵扣 -${money(d.discountFen)}`, `实付 ${money(paid)}`] : []),
    ...(d.giftName ? [`兑换赠品：${d.giftName}`] : []),
    `预计积分 +${d.points}（待生效）`,
  ].join('\n')
}

export const redeemPrompt = (orderId: string, points: number, perYuan: number) =>
  `订单 ${orderId}\n使用 ${points} 积分，抵扣 ${money(redemptionValueFen(points, perYuan))}`

export const refundPrompt = (orderId: string, refundId: string, amountFen: number) =>
  `订单 ${orderId}\n退款单 ${refundId}\n退款 ${money(amountFen)}，将按比例扣回该订单的积分`

export const voidPrompt = (kind: 'purchase' | 'redemption' | 'refund', orderId: string) =>
  kind === 'purchase'
    ? `撤销订单 ${orderId} 的消费记录？该单积分将撤回，使用的优惠券退回会员。已有退款的订单不能撤销，请改为对剩余金额退款。`
    : `撤销订单 ${orderId} 的积分抵现？积分将退回会员，请向顾客收回抵扣的金额。`
