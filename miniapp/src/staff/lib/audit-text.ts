import type { AuditPage } from '@siyu/shared/schemas/staff'
import { money } from './money'

type AuditEntry = AuditPage['items'][number]

const ACTIONS: Record<string, string> = {
  purchase: '记录消费',
  refund: '退款',
  redemption: '积分抵现',
  void: '撤销',
}

/** An audit action in words; an action this app does not know yet shows as the server names it. */
export const auditActionLabel = (action: string) => ACTIONS[action] ?? action

const POINTS_VERB: Record<string, string> = { purchase: '+', refund: '扣回 ', redemption: '抵现 ' }

/** "¥128.00 · +128 积分": the entry's figures, whichever it has. */
export function auditFigures(e: Pick<AuditEntry, 'action' | 'amountFen' | 'points'>): string {
  const parts: string[] = []
  if (e.amountFen !== null) parts.push(money(e.amountFen))
  if (e.points !== null && e.points !== 0) parts.push(`${POINTS_VERB[e.action] ?? ''}${e.points} 积分`)
  return parts.join(' · ')
}

/** Staff ids are member ids. */
export const STAFF_ID = /^m_[0-9a-z]{10,40}$/
