import { shanghaiDate } from '@siyu/shared/rules/business-day'
import type { AuditKind, ConsoleAuditEntry, PersonRef } from '@siyu/shared/schemas/console'
import { money, signedPoints } from '../lib/format'

export const KIND_LABELS: Record<AuditKind, string> = {
  till: '收银',
  coupon: '优惠券',
  points: '积分',
  staff: '员工',
  rules: '规则',
  store: '门店',
  template: '券模板',
}

export interface AuditFilter {
  /** Shanghai dates, both inclusive. */
  from: string
  to: string
  /** Brand admins only; null: every store. */
  storeId: string | null
  staff: PersonRef | null
  member: PersonRef | null
  kind: AuditKind | null
}

const DAY_MS = 86_400_000

/** The last 7 Shanghai days, today included. */
export function lastWeek(now: Date): Pick<AuditFilter, 'from' | 'to'> {
  return { from: shanghaiDate(new Date(now.getTime() - 6 * DAY_MS)), to: shanghaiDate(now) }
}

/** The query the filter stands for (ids of the people picked by name). */
export function auditQuery(f: AuditFilter, cursor: string | null) {
  return {
    from: f.from,
    to: f.to,
    storeId: f.storeId ?? undefined,
    staffId: f.staff?.id,
    memberId: f.member?.id,
    kind: f.kind ?? undefined,
    cursor: cursor ?? undefined,
  }
}

/** The money and points of an entry: "¥128.00 · +128 积分", or null when it has neither. */
export function entryFigures(e: Pick<ConsoleAuditEntry, 'amountFen' | 'points'>): string | null {
  const parts = [e.amountFen !== null ? money(e.amountFen) : null, e.points !== null ? `${signedPoints(e.points)} 积分` : null].filter(Boolean)
  return parts.length ? parts.join(' · ') : null
}
