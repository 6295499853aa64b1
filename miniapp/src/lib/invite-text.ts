import type { MyInvite, ReferralsPage } from '@siyu/shared/schemas/referrals'
import { formatShanghaiTime } from './datetime'
import { formatFen } from './money'

type Rewards = MyInvite['rewards']
type Referral = ReferralsPage['items'][number]

/** Whole yuan without decimals: 5000 → "50 元", 9950 → "99.50 元". */
export const yuanText = (fen: number) => `${formatFen(fen).replace(/\.00$/, '')} 元`

/** What the inviter is promised: "好友 30 天内完成首单满 50 元，你得 100 积分，好友得 50 积分". */
export function referrerRewardText(r: Rewards): string {
  return `好友 ${r.qualifyWithinDays} 天内完成首单满 ${yuanText(r.qualifyingFen)}，你得 ${r.referrerPoints} 积分，好友得 ${r.inviteePoints} 积分`
}

/** What the newcomer is promised: "完成首单满 50 元，你得 50 积分，好友得 100 积分". */
export function inviteeRewardText(r: Pick<Rewards, 'qualifyingFen' | 'inviteePoints' | 'referrerPoints'>): string {
  return `完成首单满 ${yuanText(r.qualifyingFen)}，你得 ${r.inviteePoints} 积分，好友得 ${r.referrerPoints} 积分`
}

/** What a share card says: "思域会员邀你加入，首单满 50 元得 50 积分". */
export const shareTitle = (brand: string, r: Pick<Rewards, 'qualifyingFen' | 'inviteePoints'>) =>
  `${brand}邀你加入，首单满 ${yuanText(r.qualifyingFen)}得 ${r.inviteePoints} 积分`

/** The poster's promise to whoever scans it: "新会员首单满 50 元，得 50 积分". */
export const posterRewardText = (r: Pick<Rewards, 'qualifyingFen' | 'inviteePoints'>) =>
  `新会员首单满 ${yuanText(r.qualifyingFen)}，得 ${r.inviteePoints} 积分`

/** The newcomer's time limits (registration, first purchase) and when the points arrive. */
export function inviteeRulesText(r: { attributionDays: number; qualifyWithinDays: number }, returnWindowDays: number): string {
  return `打开邀请后 ${r.attributionDays} 天内注册、注册后 ${r.qualifyWithinDays} 天内完成首单有效，积分在 ${returnWindowDays} 天退货期后到账`
}

/** A check-in multiplier in words: 2 → "签到积分翻倍", 3 → "签到积分 3 倍". */
export const checkinTimesText = (m: number) => (m === 2 ? '签到积分翻倍' : `签到积分 ${m} 倍`)

/** "再邀请 3 位好友完成首单，签到积分翻倍 30 天", or null when every milestone is reached. */
export function milestoneText(invite: Pick<MyInvite, 'nextMilestone' | 'qualifiedTotal'>): string | null {
  const m = invite.nextMilestone
  if (!m) return null
  const left = Math.max(0, m.qualified - invite.qualifiedTotal)
  const prize = `${checkinTimesText(m.checkinMultiplier)} ${m.days} 天`
  return left > 0 ? `再邀请 ${left} 位好友完成首单，${prize}` : `已达成，${prize}即将生效`
}

/** "签到积分翻倍中，有效期至 2026-09-30", or null when no boost runs. */
export function boostText(boost: MyInvite['checkinBoost']): string | null {
  if (!boost) return null
  return `${checkinTimesText(boost.multiplier)}中，有效期至 ${formatShanghaiTime(boost.until).slice(0, 10)}`
}

/** Progress toward the next milestone, 0–100 (100 when every milestone is reached). */
export function milestonePercent(invite: Pick<MyInvite, 'nextMilestone' | 'qualifiedTotal'>): number {
  const m = invite.nextMilestone
  if (!m || m.qualified <= 0) return 100
  return Math.min(100, Math.max(0, Math.floor((invite.qualifiedTotal * 100) / m.qualified)))
}

const REJECTED: Record<NonNullable<Referral['rejectedReason']>, string> = {
  self: '未能加入（不能邀请自己）',
  cycle: '未能加入（对方邀请过你）',
  staff: '未能加入（门店员工不参与）',
  disabled: '未能加入（账号已停用）',
  not_new: '未能加入（不是新会员）',
  invalid_ticket: '未能加入（邀请链接无效）',
}

/** An invitee's status as the inviter reads it. */
export function referralStatusText(r: Pick<Referral, 'status' | 'unrewardedReason' | 'rejectedReason'>): string {
  switch (r.status) {
    case 'rejected':
      return r.rejectedReason ? REJECTED[r.rejectedReason] : '未能加入'
    case 'joined':
      return '已加入'
    case 'qualified':
      return '已完成首单（奖励待生效）'
    case 'rewarded':
      return '奖励已到账'
    case 'clawed_back':
      return '奖励已扣回'
    case 'unrewarded':
      if (r.unrewardedReason === 'cap_day') return '未获奖励（超过每日上限）'
      if (r.unrewardedReason === 'cap_month') return '未获奖励（超过每月上限）'
      return '未获奖励'
  }
}

/** The date line of an invitee: when they completed the first purchase, else when they joined (or tried to). */
export function referralDateText(r: Pick<Referral, 'boundAt' | 'qualifiedAt'> & Partial<Pick<Referral, 'status'>>): string {
  const day = (iso: string) => formatShanghaiTime(iso).slice(0, 10)
  if (r.status === 'rejected') return `${day(r.boundAt)} 接受邀请`
  return r.qualifiedAt ? `${day(r.qualifiedAt)} 完成首单` : `${day(r.boundAt)} 加入`
}

/** The counts by status shown on the tab, in the order an invite moves through them. */
export const COUNT_LABELS: readonly { key: keyof Omit<MyInvite['counts'], 'rejected'>; label: string }[] = [
  { key: 'joined', label: '已加入' },
  { key: 'qualified', label: '待生效' },
  { key: 'rewarded', label: '已到账' },
  { key: 'unrewarded', label: '超上限' },
  { key: 'clawedBack', label: '已扣回' },
]

/** Everyone the member has brought in (refused binds are not invitees, though the list shows them). */
export const inviteeTotal = (counts: MyInvite['counts']) => COUNT_LABELS.reduce((sum, { key }) => sum + counts[key], 0)
