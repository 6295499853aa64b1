import { addDays } from '@siyu/shared/rules/checkin'
import type { ConsoleAuditEntry, ConsoleAuditPage, ConsoleAuditQuery, PersonRef, StoreRef } from '@siyu/shared/schemas/console'
import { z } from 'zod'
import { personRefOf, personRefs, storeNames, storeRefOf } from '../console/names'
import { requireOperator, storeScope, type Operator } from '../console/operator'
import { auditTrailTop, type AuditFilter, type AuditTrailItem, type Trail } from '../entities/audit-trail'
import { decodeCursor, encodeCursor, sortKeyAfter } from '../lib/cursor'
import type { Table } from '../lib/db'
import { DomainError } from '../lib/errors'
import type { Session } from '../lib/session'
import { actionLabel, actionsOfKind, detailOf, kindOf } from './labels'

/** The longest date range one query may cover. */
export const MAX_RANGE_DAYS = 92
/** Query calls one request may make; past them the page ends early, with a cursor to go on. */
export const MAX_READS = 300

const DAY_MS = 86_400_000
const daysIn = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS) + 1

type Row = AuditTrailItem & { trail: 'brand' | 'store'; day: string }

/** The trails of a day the caller sees: the brand's and every store's, or one store's (with, for an admin, the brand entries about it). */
function trailsOf(op: Operator, storeId: string | null, stores: Map<string, StoreRef>) {
  return (day: string): Trail[] => {
    if (storeId) return [{ kind: 'store', storeId, day }, ...(op.role === 'admin' ? [{ kind: 'brand' as const, day }] : [])]
    return [{ kind: 'brand', day }, ...[...stores.keys()].map((id) => ({ kind: 'store' as const, storeId: id, day }))]
  }
}

const badRange = () =>
  new DomainError('request.invalid', `请求参数有误：日期范围不能超过 ${MAX_RANGE_DAYS} 天`, [{ path: 'query.from', message: `日期范围不能超过 ${MAX_RANGE_DAYS} 天`, code: 'too_big' }])
const badCursor = () => new DomainError('request.invalid', '分页参数无效，请从第一页重新加载', [{ path: 'query.cursor', message: '分页参数无效', code: 'invalid_cursor' }])

const Position = z.object({ d: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), s: z.union([z.literal(''), sortKeyAfter('')]) })

/**
 * `GET /v1/admin/audit`: the audit across the brand (admin: the brand trail and every store's) or
 * one store (a manager: always theirs), newest first, with names. Day by day from `to` back to
 * `from`: each day's partitions are read below one sort key and merged, so the cursor — the day
 * and the last sort key shown — is every partition's position at once.
 */
export async function listConsoleAudit(table: Table, session: Session, q: ConsoleAuditQuery): Promise<ConsoleAuditPage> {
  const op = await requireOperator(table, session)
  const storeId = storeScope(op, q.storeId)
  if (daysIn(q.from, q.to) > MAX_RANGE_DAYS) throw badRange()
  const scope = ['console-audit', op.memberId, storeId ?? '*', q.from, q.to, q.staffId ?? '', q.memberId ?? '', q.kind ?? ''].join(':')
  const at = decodeCursor(q.cursor, scope, Position)
  if (at && (at.d < q.from || at.d > q.to)) throw badCursor()
  const stores = await storeNames(table)
  const filter: AuditFilter = { operatorId: q.staffId, memberId: q.memberId, storeId: storeId ?? undefined, actions: q.kind ? actionsOfKind(q.kind) : undefined }
  const { rows, resumeOn } = await collect(table, trailsOf(op, storeId, stores), filter, { from: q.from, day: at?.d ?? q.to, before: at?.s || undefined, want: q.limit + 1 })
  const shown = rows.slice(0, q.limit)
  const last = shown[shown.length - 1]
  const nextCursor = rows.length > q.limit ? encodeCursor(scope, { d: last.day, s: last.sk }) : resumeOn ? encodeCursor(scope, { d: resumeOn, s: '' }) : null
  return { items: await entries(table, shown, stores), nextCursor }
}

/**
 * Up to `want` rows, newest first, from `day` (below `before` on that day) back to `from`. Stops
 * early past MAX_READS Query calls, and then names the day to resume on (not yet read).
 */
async function collect(
  table: Table, trailsOn: (day: string) => Trail[], filter: AuditFilter, start: { from: string; day: string; before?: string; want: number },
): Promise<{ rows: Row[]; resumeOn: string | null }> {
  const rows: Row[] = []
  let reads = 0
  let before = start.before
  for (let day = start.day; day >= start.from; day = addDays(day, -1), before = undefined) {
    if (reads >= MAX_READS) return { rows, resumeOn: day }
    const need = start.want - rows.length
    const tops = await Promise.all(trailsOn(day).map(async (t) => ({ t, top: await auditTrailTop(table, t, filter, before, need) })))
    reads += tops.reduce((n, x) => n + x.top.reads, 0)
    const merged = tops.flatMap(({ t, top }) => top.items.map((i): Row => ({ ...i, trail: t.kind, day })))
    rows.push(...merged.sort((a, b) => (a.sk < b.sk ? 1 : a.sk > b.sk ? -1 : 0)).slice(0, need))
    if (rows.length >= start.want) break
  }
  return { rows, resumeOn: null }
}

/** Rows as the console shows them, with every person's name from one BatchGet. */
async function entries(table: Table, rows: Row[], stores: Map<string, StoreRef>): Promise<ConsoleAuditEntry[]> {
  const operatorOf = (r: Row) => (r.trail === 'store' ? r.staffId : r.actorId) ?? null
  const names = await personRefs(table, rows.flatMap((r) => [operatorOf(r), r.memberId]))
  const person = (id: string | null): PersonRef | null => (id ? (names.get(id) ?? personRefOf(id, undefined)) : null)
  return rows.map((r) => ({
    id: r.id ?? r.auditId ?? r.sk.slice(r.at.length + 1),
    at: r.at,
    kind: kindOf(r.action, r.trail),
    action: r.action,
    actionLabel: actionLabel(r.action),
    operator: person(operatorOf(r)) ?? personRefOf('unknown', undefined),
    store: storeRefOf(stores, r.storeId),
    member: person(r.memberId),
    orderId: r.orderId,
    amountFen: r.amountFen,
    points: r.points,
    detail: detailOf(r),
  }))
}
