import type { AuditKind } from '@siyu/shared/schemas/console'
import type { AuditFilter } from '../entities/audit-trail'

/**
 * zh-CN names of every action either audit trail holds (store trail: till and coupon actions, a
 * manager's adjustment; brand trail: operators' actions). An action not listed shows its raw name.
 */
export const ACTION_LABELS: Record<string, string> = {
  purchase: '记录消费',
  refund: '退款',
  redemption: '积分抵扣',
  void: '撤销操作',
  coupon_hold: '锁定优惠券',
  coupon_confirm: '确认核销优惠券',
  coupon_release: '释放优惠券',
  coupon_redeem: '核销优惠券',
  coupon_void: '撤销优惠券核销',
  'points.adjust': '积分调整',
  'member.role_remove': '移除角色',
  'rules.publish': '发布规则',
  'rules.schedule': '定时规则变更',
  'rules.cancel': '取消规则变更',
  'template.create': '创建优惠券',
  'template.update': '修改优惠券',
  'template.end': '结束优惠券',
  'store.create': '新建门店',
  'store.update': '修改门店',
  'staff.invite': '邀请员工',
  'staff.disable': '停用员工',
  'staff.restore': '恢复员工',
}

export const actionLabel = (action: string) => ACTION_LABELS[action] ?? action

/** Which actions make each kind: the till's four by name, the others by their prefix. */
const KIND_ACTIONS: Record<AuditKind, { exact: string[]; prefixes: string[] }> = {
  till: { exact: ['purchase', 'refund', 'redemption', 'void'], prefixes: [] },
  coupon: { exact: [], prefixes: ['coupon_'] },
  points: { exact: [], prefixes: ['points.'] },
  staff: { exact: [], prefixes: ['staff.', 'member.'] },
  rules: { exact: [], prefixes: ['rules.'] },
  store: { exact: [], prefixes: ['store.'] },
  template: { exact: [], prefixes: ['template.'] },
}

export const actionsOfKind = (kind: AuditKind): NonNullable<AuditFilter['actions']> => KIND_ACTIONS[kind]

/** The kind of an action; one no kind names is a till action on a store's trail, a staff one on the brand's. */
export function kindOf(action: string, trail: 'brand' | 'store'): AuditKind {
  for (const [kind, a] of Object.entries(KIND_ACTIONS) as [AuditKind, (typeof KIND_ACTIONS)[AuditKind]][]) {
    if (a.exact.includes(action) || a.prefixes.some((p) => action.startsWith(p))) return kind
  }
  return trail === 'store' ? 'till' : 'staff'
}

const ROLE_LABELS: Record<string, string> = { member: '会员', clerk: '店员', manager: '店长', admin: '品牌管理员' }

/** The entry's detail: what it recorded (`detail`, or an adjustment's `reason`), else what a role removal removed. */
export function detailOf(e: { action: string; detail: string | null; reason: string | null; role: string | null }): string | null {
  if (e.detail ?? e.reason) return e.detail ?? e.reason
  if (e.action === 'member.role_remove' && e.role) return `移除角色：${ROLE_LABELS[e.role] ?? e.role}`
  return null
}
