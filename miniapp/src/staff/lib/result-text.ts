import type { TillAction } from '@siyu/shared/schemas/staff'
import { formatShanghaiTime } from '@/lib/datetime'
import { money } from './money'

export interface ResultLine {
  key: string
  label: string
  value: string
}

export interface ResultView {
  title: string
  lines: ResultLine[]
  /** What happens next, in one sentence. */
  note: string
  /** What follows the action shortly after it, not yet done when the till answers (the stream's work). */
  followUp: string | null
  /** Set when the server answered a retry of an action already done. */
  replayNote: string | null
}

const TITLES: Record<TillAction['kind'], [done: string, voided: string]> = {
  purchase: ['消费已记录', '消费已撤销'],
  redemption: ['积分抵现成功', '积分抵现已撤销'],
  refund: ['退款已处理', '退款已处理'],
}

function purchaseLines(a: TillAction): ResultLine[] {
  const paid = a.amountFen - a.discountFen
  return [
    { key: 'amount', label: '订单金额', value: money(a.amountFen) },
    ...(a.couponCode ? [{ key: 'discount', label: '优惠券抵扣', value: `-${money(a.discountFen)}` }] : []),
    ...(a.couponCode ? [{ key: 'paid', label: '实付', value: money(paid) }] : []),
    { key: 'points', label: a.voided ? '已撤回积分' : '获得积分', value: a.voided ? String(a.points) : `+${a.points}` },
  ]
}

function purchaseNote(a: TillAction, returnWindowDays: number | null): string {
  if (a.voided) return `该笔消费的 ${a.points} 待生效积分已撤回${a.couponCode ? '，优惠券已退回会员' : ''}`
  if (a.points === 0) return '本单不足 1 元，不产生积分'
  return returnWindowDays === null ? '积分将在退货期结束后到账' : `积分将在 ${returnWindowDays} 天后到账（退货期内为待生效积分）`
}

const LINES: Record<TillAction['kind'], (a: TillAction) => ResultLine[]> = {
  purchase: purchaseLines,
  redemption: (a) => [
    { key: 'points', label: a.voided ? '退回积分' : '使用积分', value: String(a.points) },
    { key: 'discount', label: '抵扣金额', value: money(a.discountFen) },
  ],
  refund: (a) => [
    { key: 'refund-id', label: '退款单号', value: a.refundId ?? '—' },
    { key: 'amount', label: '退款金额', value: money(a.amountFen) },
    { key: 'points', label: '扣回积分', value: String(a.points) },
  ],
}

/**
 * Tier upgrades and referral rewards follow a sale (and are undone after a void or refund) a moment
 * after the till's answer, so the result says they are coming rather than showing them.
 */
function followUpOf(a: TillAction): string | null {
  if (a.kind === 'redemption') return null
  if (a.kind === 'purchase' && !a.voided) return '会员等级与邀请奖励将在几秒内自动更新'
  return '会员等级与邀请奖励将在几秒内随之调整'
}

function noteOf(a: TillAction, returnWindowDays: number | null): string {
  if (a.kind === 'purchase') return purchaseNote(a, returnWindowDays)
  if (a.kind === 'redemption') return a.voided ? `${a.points} 积分已退回会员账户，请收回 ${money(a.discountFen)} 的减免` : `请在收银时减免 ${money(a.discountFen)}`
  return a.points > 0 ? `已按退款比例扣回该订单的 ${a.points} 积分` : '该订单没有需要扣回的积分'
}

/**
 * The result view of a till action: title, the figures, what happens next. `returnWindowDays`
 * is the program's return window (null while the rules are not loaded).
 */
export function resultView(a: TillAction, returnWindowDays: number | null): ResultView {
  return {
    title: TITLES[a.kind][a.voided ? 1 : 0],
    lines: [{ key: 'order', label: '订单号', value: a.orderId }, ...LINES[a.kind](a), { key: 'at', label: '时间', value: formatShanghaiTime(a.at) }],
    note: noteOf(a, returnWindowDays),
    followUp: followUpOf(a),
    replayNote: a.replayed ? '这笔操作此前已完成，以上为原结果，没有重复记录' : null,
  }
}
