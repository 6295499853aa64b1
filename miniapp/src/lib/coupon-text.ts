import type { ClaimBlocker, Coupon, CouponBenefit, CouponStatus, CouponTemplate, CouponValidity } from '@siyu/shared/schemas/coupons'
import { yuan } from '@siyu/shared/rules/coupon-discount'
import { formatShanghaiTime } from './datetime'

/** One template of the coupon center as the API lists it. */
export interface CenterItem {
  template: Pick<CouponTemplate, 'id' | 'title' | 'channel' | 'perMemberLimit' | 'totalStock' | 'validity'>
  remaining: number
  claimedByMe: number
  blocker: ClaimBlocker | null
}

const DAY_MS = 86_400_000
const shanghaiDay = (ms: number) => formatShanghaiTime(new Date(ms).toISOString()).slice(0, 10)

/** How long a template's coupons are valid: "领取后 7 天内有效", or the window's Shanghai dates. */
export function validityText(validity: CouponValidity): string {
  if (validity.type === 'days') return `领取后 ${validity.days} 天内有效`
  // `to` is exclusive: a window ending at midnight ends on the day before.
  return `${shanghaiDay(Date.parse(validity.from))} 至 ${shanghaiDay(Date.parse(validity.to) - 1)}`
}

/**
 * The center's order: the server's, with sold-out templates last (no one can get them any more).
 * A card the member has just claimed stays where it is, under their finger.
 */
export function centerOrder<T extends Pick<CenterItem, 'blocker'>>(items: readonly T[]): T[] {
  return [...items.filter((e) => e.blocker !== 'sold_out'), ...items.filter((e) => e.blocker === 'sold_out')]
}

/** An operator's description, unless it only repeats the rule ("最多减 30 元" of "9 折，最多减 30 元"). */
export const extraDescription = ({ description, ruleText }: Pick<CouponTemplate, 'description' | 'ruleText'>): string | null =>
  description && !ruleText.includes(description) ? description : null

/** Stock is "low" at 20 or fewer, or at a tenth of the total: worth telling, and true for every size. */
export function stockHint(remaining: number, totalStock: number): string | null {
  if (remaining <= 0) return null
  return remaining <= 20 || remaining * 10 <= totalStock ? `仅剩 ${remaining} 张` : null
}

export const storesText = (stores: 'all' | readonly string[]): string => (stores === 'all' ? '全部门店' : stores.join('、'))

export interface CenterAction {
  label: string
  /** What a tap does; null when the button is disabled. */
  kind: 'claim' | 'exchange' | null
}

const BLOCKED: Record<Exclude<ClaimBlocker, 'limit_reached'>, string> = {
  sold_out: '已抢光',
  not_started: '未开始',
  ended: '已结束',
  paused: '已暂停',
}

/** The center button of a template: what it says, and whether it claims, exchanges or is disabled. */
export function centerAction({ template, blocker }: Pick<CenterItem, 'template' | 'blocker'>): CenterAction {
  const points = template.channel.type === 'points' ? template.channel.pricePoints : null
  if (blocker === 'limit_reached') return { label: points === null ? '已领取' : '已兑换', kind: null }
  if (blocker) return { label: BLOCKED[blocker] ?? '暂不可领', kind: null }
  return points === null ? { label: '立即领取', kind: 'claim' } : { label: `${points} 积分兑换`, kind: 'exchange' }
}

/** "已领 1/2 张" while a member may still take more of a template they already hold. */
export function mineHint({ template, claimedByMe, blocker }: CenterItem): string | null {
  if (claimedByMe <= 0 || blocker !== null) return null
  return `${template.channel.type === 'points' ? '已兑' : '已领'} ${claimedByMe}/${template.perMemberLimit} 张`
}

/** Why a blocked template's button is disabled, in words: shown beside it so no member is left guessing. */
export function blockerReason({ template, blocker }: Pick<CenterItem, 'template' | 'blocker'>): string | null {
  const points = template.channel.type === 'points'
  switch (blocker) {
    case 'sold_out':
      return points ? '本券已全部兑完' : '本券已全部领完'
    case 'limit_reached':
      return points ? `每人限兑 ${template.perMemberLimit} 张，您已兑满` : `每人限领 ${template.perMemberLimit} 张，您已领满`
    case 'not_started':
      return template.validity.type === 'window' ? `${formatShanghaiTime(template.validity.from)} 开始${points ? '兑换' : '领取'}` : '活动尚未开始'
    case 'ended':
      return '活动已结束'
    case 'paused':
      return '暂停发放中'
    default:
      return null
  }
}

export const exchangePrompt = (title: string, pricePoints: number) => `确认使用 ${pricePoints} 积分兑换「${title}」？`

/** The big figure on the coupon's stub: ¥20, 9 折, or the gift. */
export function benefitFace(benefit: CouponBenefit): { value: string; unit: string; note: string } {
  switch (benefit.kind) {
    case 'fixed':
      return { value: yuan(benefit.amountOffFen), unit: '元', note: '无门槛' }
    case 'threshold':
      return { value: yuan(benefit.amountOffFen), unit: '元', note: `满 ${yuan(benefit.thresholdFen)} 元可用` }
    case 'percent':
      return { value: String((100 - benefit.percentOff) / 10), unit: '折', note: benefit.capFen ? `最多减 ${yuan(benefit.capFen)} 元` : '折扣券' }
    case 'gift':
      return { value: '兑', unit: '', note: benefit.giftName }
  }
}

export const STATUS_TEXT: Readonly<Record<CouponStatus, string>> = {
  available: '可使用',
  held: '使用中',
  used: '已使用',
  expired: '已过期',
}

/** 18 digits in groups of four, as people read them out at the till. */
export const formatCouponCode = (code: string) => code.replace(/(\d{4})(?=\d)/g, '$1 ')

/** The line under a wallet coupon: until when, or when it was used or lapsed. */
export function walletLine(coupon: Pick<Coupon, 'status' | 'lastDay' | 'usedAt'>): string {
  if (coupon.status === 'used') return coupon.usedAt ? `${formatShanghaiTime(coupon.usedAt)} 已使用` : '已使用'
  if (coupon.status === 'expired') return `${coupon.lastDay} 已过期`
  return `有效期至 ${coupon.lastDay}`
}

/** Days left of a usable coupon, from the Shanghai date of `now`: "今天到期", "还剩 3 天". */
export function daysLeftText(lastDay: string, now: Date): string {
  const today = shanghaiDay(now.getTime())
  const days = Math.round((Date.parse(`${lastDay}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS)
  if (days <= 0) return '今天到期'
  if (days === 1) return '明天到期'
  return `还剩 ${days + 1} 天`
}
