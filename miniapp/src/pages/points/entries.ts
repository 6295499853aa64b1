import type { EntryCode, PointsEntry } from '@siyu/shared/schemas/points'

/** The Chinese name of every reason points can move (the list is closed: see EntryCode). */
export const ENTRY_LABELS: Readonly<Record<EntryCode, string>> = {
  checkin: '签到奖励',
  checkin_makeup: '补签（消耗与奖励）',
  purchase: '消费积分（待生效）',
  // Purchase points and referral rewards both wait out the return window.
  purchase_activation: '待生效积分到账',
  purchase_reversal: '退货扣回',
  coupon_exchange: '积分兑券',
  till_redemption: '门店积分抵现',
  till_redemption_void: '积分抵现撤销',
  // An upgrade's gift waits out its purchase's return window; a refund or void inside it can take it back.
  tier_gift: '升级礼（待生效）',
  tier_gift_reversal: '升级礼收回',
  birthday_gift: '生日礼',
  referral_reward: '邀请奖励（待生效）',
  referral_clawback: '邀请奖励扣回',
  expiry: '积分过期',
  adjustment: '人工调整',
}

/** Shown instead of a number: an activation moves pending points to available, its net is 0. */
export const ACTIVATION_TEXT = '待生效积分已到账'

export const entryLabel = (code: EntryCode): string => ENTRY_LABELS[code] ?? '积分变动'

/** A secondary line under the label: only an operator's adjustment carries a reason worth showing. */
export const entryNote = (entry: Pick<PointsEntry, 'code' | 'note'>): string | undefined =>
  entry.code === 'adjustment' && entry.note ? entry.note : undefined

export type AmountTone = 'plus' | 'minus' | 'neutral'

/** How an entry's amount reads: "+128" (green), "-50" (red), or the activation text. */
export function entryAmount(entry: Pick<PointsEntry, 'code' | 'points'>): { text: string; tone: AmountTone } {
  if (entry.code === 'purchase_activation') return { text: ACTIVATION_TEXT, tone: 'neutral' }
  if (entry.points > 0) return { text: `+${entry.points}`, tone: 'plus' }
  if (entry.points < 0) return { text: `-${Math.abs(entry.points)}`, tone: 'minus' }
  return { text: '0', tone: 'neutral' }
}

export type FilterKey = EntryCode | 'all'

/** The history filter chips; each maps to one `code` of the history query (none for 全部). */
export const FILTERS: readonly { key: FilterKey; label: string }[] = [
  { key: 'all', label: '全部' },
  { key: 'checkin', label: '签到' },
  { key: 'purchase', label: '消费' },
  { key: 'coupon_exchange', label: '兑换' },
  { key: 'expiry', label: '过期' },
  { key: 'adjustment', label: '调整' },
]

export const codeOf = (key: FilterKey): EntryCode | undefined => (key === 'all' ? undefined : key)
