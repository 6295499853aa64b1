import Taro from '@tarojs/taro'
import type { RuleChange, RulesNotice } from '@siyu/shared/schemas/console'

/** One changed rule as members and operators read it: 积分规则 › 每消费 1 元积分：1 积分 → 2 积分 (an added item says 新增：… itself). */
export function changeLine({ label, before, after }: Pick<RuleChange, 'label' | 'before' | 'after'>): string {
  if (before === null) return `${label}：${after ?? ''}`
  return after === null ? `${label}：${before} → 删除` : `${label}：${before} → ${after}`
}

/** The bar's text; the date is left out when the operator's notice already names it. */
export const noticeLine = (n: RulesNotice): string =>
  n.notice.includes(n.effectiveOn) ? `规则变更公告：${n.notice}` : `规则变更公告：自 ${n.effectiveOn} 起 ${n.notice}`

/** The whole notice with every change, in a modal (small: no page of its own in the main package). */
export function showNoticeDetail(n: RulesNotice): void {
  const content = [n.notice, `生效日期：${n.effectiveOn}`, ...n.changes.map(changeLine)].join('\n')
  void Taro.showModal({ title: '规则变更公告', content, showCancel: false, confirmText: '知道了' })
}

const DISMISSED = 'siyu.dismissedNotices'

export function dismissedNoticeIds(): string[] {
  const stored: unknown = Taro.getStorageSync(DISMISSED)
  return Array.isArray(stored) ? stored.filter((id): id is string => typeof id === 'string') : []
}

/** Remembers a dismissed notice; ids of notices no longer published are dropped, so the list stays short. */
export function dismissNotice(id: string, published: readonly RulesNotice[]): string[] {
  const kept = dismissedNoticeIds().filter((d) => d !== id && published.some((n) => n.id === d))
  const next = [...kept, id]
  Taro.setStorageSync(DISMISSED, next)
  return next
}
