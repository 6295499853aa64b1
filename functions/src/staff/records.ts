import type { Table } from '../lib/db'
import type { TransactItem } from '../lib/transact'
import { storeAuditPutPart, type AuditSubject } from '../entities/store-audit'

export type { AuditSubject } from '../entities/store-audit'

/**
 * @deprecated The raw item of an action's audit entry, for the coupon till's transaction until it
 * composes named parts; use `storeAuditPutPart` (entities/store-audit).
 */
export const auditItem = (table: Table, a: AuditSubject, action: string, at = a.at): TransactItem => storeAuditPutPart(table, a, action, at).item
