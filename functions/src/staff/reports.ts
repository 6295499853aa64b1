import type { AuditPage, AuditQuery, StoreDaySummary } from '@siyu/shared/schemas/staff'
import { z } from 'zod'
import { decodeCursor, encodeCursor, sortKeyAfter } from '../lib/cursor'
import type { Table } from '../lib/db'
import { auditDayPage, toAuditEntry, type StoreAuditItem } from '../entities/store-audit'
import { readStoreDay } from '../entities/store-day'

/** The store's counters for a Shanghai day (zeros for a day without actions). */
export async function storeDaySummary(table: Table, storeId: string, date: string): Promise<StoreDaySummary> {
  return readStoreDay(table, storeId, date)
}

/**
 * The store's audit entries of a day, newest first. The cursor holds the sort key of the last
 * entry returned (bound to the store, day and filter); with a staff filter, pages are read until
 * `limit` matches or the day ends.
 */
export async function listAudit(table: Table, storeId: string, date: string, q: AuditQuery): Promise<AuditPage> {
  const scope = `audit:${storeId}:${date}:${q.staffId ?? ''}`
  const after = decodeCursor(q.cursor, scope, z.object({ sk: sortKeyAfter('') }))
  const items: StoreAuditItem[] = []
  let start: Record<string, unknown> | undefined
  do {
    // One extra row tells whether another page exists.
    const page = await auditDayPage(table, storeId, date, { before: after?.sk, staffId: q.staffId, limit: q.staffId ? 100 : q.limit + 1 - items.length, start })
    items.push(...page.items)
    start = page.next
  } while (items.length <= q.limit && start)
  const shown = items.slice(0, q.limit)
  return {
    items: shown.map(toAuditEntry),
    nextCursor: items.length > q.limit ? encodeCursor(scope, { sk: shown[shown.length - 1].sk }) : null,
  }
}
