import type { MyTier, TierChange, TierGift, TierRung } from '@/store/tier'
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
  review_keep: '保级成功',
  review_drop: '降级',
}

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
