import { shanghaiDate } from '@siyu/shared/rules/business-day'
import type { Table } from '../lib/db'
import { keys } from '../lib/keys'
import type { Part } from '../lib/transact'

/** An operator's action on the brand (rules, templates, stores, staff rights, adjustments by an admin). */
export interface BrandAuditSubject {
  /** Unique per action, e.g. `rules.publish:v7`, `points.adjust:{key}`; with `at`, the entry's sort key. */
  id: string
  at: string
  /** The operator (an admin's, or a manager's, member id). */
  actorId: string
  /** A stable action name: `points.adjust`, `rules.publish`, `rules.schedule`, `template.create`, `store.update`, … */
  action: string
  memberId?: string | null
  storeId?: string | null
  points?: number | null
  amountFen?: number | null
  /** A reason or a one-line summary, shown as is. */
  detail?: string | null
  requestId: string
}

/**
 * The action's entry in the brand's audit trail (`AUDIT#{Shanghai day}` / `{at}#{id}`), new in
 * the action's own transaction: the entry exists exactly when the action does.
 */
export function brandAuditPutPart(table: Table, e: BrandAuditSubject): Part<'audit'> {
  const item = {
    ...keys.audit(shanghaiDate(new Date(e.at)), e.at, e.id), type: 'audit', auditId: e.id, action: e.action, actorId: e.actorId, at: e.at,
    memberId: e.memberId ?? null, storeId: e.storeId ?? null, points: e.points ?? null, amountFen: e.amountFen ?? null, detail: e.detail ?? null,
    requestId: e.requestId,
  }
  return { name: 'audit', item: { Put: { TableName: table.name, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } } }
}
