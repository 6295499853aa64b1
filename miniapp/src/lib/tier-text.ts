import type { MyTier, ProvisionalTier, TierChange, TierGift, TierRung } from '@/store/tier'
import { formatShanghaiTime } from './datetime'
import { moneyShort } from './money'

/** What the next tier takes: "再消费 ¥876.50 升级银卡会员"; at the top, "已是最高等级". */
export function nextTierText(next: MyTier['next']): string {
  if (!next) return '已是最高等级'
  return next.needFen > 0 ? `再消费 ${moneyShort(next.needFen)} 升级${next.name}` : `已达到${next.name}条件`
}

/** What keeps this tier at its review, or null for the first tier (nothing to lose). */
export function keepText(keep: MyTier['keep']): string | null {
  if (!keep) return null
  return keep.needFen > 0 ? `再消费 ${moneyShort(keep.needFen)} 保级，截止 ${keep.by}` : '已达到保级条件'
}

/** How far growth has come toward the next tier's threshold, 0–100 (100 at the top). */
export function progressPercent(growthFen: number, next: MyTier['next']): number {
  if (!next || next.needFen <= 0) return 100
  const target = growthFen + next.needFen
  return Math.min(100, Math.max(0, Math.floor((growthFen * 100) / target)))
}

/** How many months the growth window spans (12 by the rules). */
export const windowMonths = ({ fromMonth: from, toMonth: to }: MyTier['window']) =>
  (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7)) + 1

/** "近 12 个月消费 ¥1,200（2026-01 至 2026-12）": the growth and the months it counts. */
export function growthText(growthFen: number, window: MyTier['window']): string {
  return `近 ${windowMonths(window)} 个月消费 ${moneyShort(growthFen)}（${window.fromMonth} 至 ${window.toMonth}）`
}

const WEEKDAY_NAMES = ['日', '一', '二', '三', '四', '五', '六']

/** "每周三为会员日", or null when the program has no member day. */
export function memberDayText(weekday: number | null): string | null {
  const name = weekday === null ? undefined : WEEKDAY_NAMES[weekday]
  return name ? `每周${name}为会员日` : null
}

/** A percent of the base points as a multiple: 120 → "1.2 倍", 100 → "1 倍", 125 → "1.25 倍". */
export const timesText = (percent: number) => `${percent / 100} 倍`

/** Threshold of a rung: the first tier needs nothing. */
export const thresholdText = (fen: number) => (fen > 0 ? moneyShort(fen) : '注册即享')

/** The member-day extra on top of the tier's multiplier: "+0.5 倍", or "—" when there is none. */
export const memberDayExtraText = (percent: number) => (percent > 0 ? `+${timesText(percent)}` : '—')

/** A gift in words: "100 积分 + 满100减20", or "—" when empty. */
export function giftText(gift: TierGift): string {
  const parts = [...(gift.points > 0 ? [`${gift.points} 积分`] : []), ...gift.coupons.map((c) => c.title)]
  return parts.length ? parts.join(' + ') : '—'
}

export const REASON_TEXT: Record<TierChange['reason'], string> = {
  upgrade: '升级',
  reversal: '订单退款/撤销',
  review_keep: '保级成功',
  review_drop: '降级',
}

const DAY_MS = 86_400_000

/** "7 天后（2026-03-19）确认": when a provisional upgrade is confirmed, in whole days from now (at least 1). */
export function confirmText(until: string, now: Date): string {
  const days = Math.max(1, Math.ceil((Date.parse(until) - now.getTime()) / DAY_MS))
  return `${days} 天后（${formatShanghaiTime(until).slice(0, 10)}）确认`
}

/** What a provisional upgrade's gift is waiting for: "升级礼 100 积分待生效，银卡礼券确认后发放", or null without a gift. */
export function provisionalGiftText(p: Pick<ProvisionalTier, 'giftPoints' | 'giftCoupons'>): string | null {
  const parts = [
    ...(p.giftPoints > 0 ? [`升级礼 ${p.giftPoints} 积分待生效`] : []),
    ...(p.giftCoupons.length ? [`${p.giftCoupons.map((c) => c.title).join('、')}确认后发放`] : []),
  ]
  return parts.length ? parts.join('，') : null
}

/** Why an upgrade waits: the rule the server applies (README "Tiers"). */
export const PROVISIONAL_NOTE = '确认前，退货期内的订单退款或撤销后，将按剩余消费重新评估等级；未达门槛则取消此次升级并收回升级礼'

export interface HistoryRow {
  date: string
  /** "普通会员 → 银卡会员" (codes the ladder no longer has are shown as they are). */
  change: string
  reason: string
}

/** A tier change as the history list shows it: Shanghai date, tier names, why. */
export function historyRow(change: TierChange, ladder: readonly Pick<TierRung, 'code' | 'name'>[]): HistoryRow {
  const name = (code: string) => ladder.find((t) => t.code === code)?.name ?? code
  const names = change.from === change.to ? name(change.to) : `${name(change.from)} → ${name(change.to)}`
  return { date: formatShanghaiTime(change.at).slice(0, 10), change: names, reason: REASON_TEXT[change.reason] }
}
