import type { MemberDetail } from '@siyu/shared/schemas/console'
import { count, formatShanghaiTime, money } from '../lib/format'

type OptIn = { optIn: boolean; at: string }

/** A member id as links carry it (`?id=m_…`); anything else never reaches the API. */
export const MEMBER_ID = /^m_[0-9a-z]{10,40}$/

/** "近 12 个月消费 ¥1,200.00，再消费 ¥300.00 升级为 金卡", or that the top tier is reached. */
export function growthText(tier: MemberDetail['tier']): string {
  const spent = `近 12 个月消费 ${money(tier.growthFen)}`
  if (!tier.next) return `${spent}，已是最高等级`
  const left = Math.max(0, tier.next.thresholdFen - tier.growthFen)
  return left > 0 ? `${spent}，再消费 ${money(left)} 升级为 ${tier.next.name}` : `${spent}，已达 ${tier.next.name} 门槛`
}

/** "开启 · 2026-11-01 14:30" */
export const optInText = (choice: OptIn) => `${choice.optIn ? '开启' : '关闭'} · ${formatShanghaiTime(choice.at)}`

export const STAFF_ROLE_TEXT: Readonly<Record<NonNullable<MemberDetail['staff']>['role'], string>> = { clerk: '店员', manager: '店长' }

/** "加入 3 人 · 完成首单 2 人 · 未能加入 1 人" */
export const invitedText = ({ joined, qualified, rejected }: MemberDetail['referral']['invited']) =>
  `加入 ${count(joined)} 人 · 完成首单 ${count(qualified)} 人 · 未能加入 ${count(rejected)} 人`

export interface AdjustmentDraft {
  pointsText: string
  reason: string
}

export type AdjustmentCheck =
  | { ok: true; points: number; reason: string }
  | { ok: false; points: string | null; reason: string | null }

/**
 * The form's own checks, said inline before anything is sent: a signed whole number other than 0
 * (a typed − or ＋ counts) and a reason of 2–200 characters. The rules' cap is the server's to say.
 */
export function checkAdjustment(draft: AdjustmentDraft): AdjustmentCheck {
  const text = draft.pointsText.trim().replace(/^[−－]/, '-').replace(/^＋/, '+')
  const reason = draft.reason.trim()
  let pointsError: string | null = null
  const points = /^[+-]?\d{1,9}$/.test(text) ? Number(text) : NaN
  if (!text) pointsError = '请输入调整积分，正数增加、负数扣减'
  else if (!Number.isSafeInteger(points)) pointsError = '请输入整数，如 50 或 -50'
  else if (points === 0) pointsError = '调整积分不能为 0'
  let reasonError: string | null = null
  if (reason.length < 2) reasonError = '请填写调整原因（至少 2 个字），会记入操作记录'
  else if (reason.length > 200) reasonError = '调整原因最多 200 个字'
  if (pointsError || reasonError) return { ok: false, points: pointsError, reason: reasonError }
  return { ok: true, points, reason }
}

/** What the confirm dialog asks: "为 小王 增加 50 积分，原因：补录消费". */
export const adjustmentPrompt = (name: string, points: number, reason: string) =>
  `为 ${name} ${points > 0 ? '增加' : '扣减'} ${count(Math.abs(points))} 积分，原因：${reason}`
