import type { StaffPage } from '@siyu/shared/schemas/console'
import { z } from 'zod'
import { personRefs, storeNames, storeRefOf } from '../console/names'
import { storeScope, type Operator } from '../console/operator'
import { decodeCursor, encodeCursor } from '../lib/cursor'
import type { Table } from '../lib/db'
import { storeStaffPage } from '../entities/store-staff'

/** Where a page ends: a store's sort key (`STAFF#{memberId}`), or the index's (`{storeId}#{memberId}`). */
const ONE_STORE_AFTER = /^STAFF#m_[0-9a-z]{10,40}$/
const EVERY_STORE_AFTER = /^[a-z0-9][a-z0-9-]{0,39}#m_[0-9a-z]{10,40}$/

/**
 * 员工: staff per store with their names, roles, disabled flag and since when, from the stores'
 * staff lists (`entities/store-staff.ts`). An admin lists one store or every store; a manager
 * always their own (asking for another is 403). Names in one BatchGet, store names in one Query.
 */
export async function listStaff(table: Table, op: Operator, q: { storeId?: string; cursor?: string; limit: number }): Promise<StaffPage> {
  const storeId = storeScope(op, q.storeId)
  const scope = `staff:${storeId ?? '*'}`
  const after = decodeCursor(q.cursor, scope, z.object({ after: z.string().regex(storeId ? ONE_STORE_AFTER : EVERY_STORE_AFTER) }))
  const { items, more } = await storeStaffPage(table, storeId, after?.after, q.limit)
  const [people, stores] = await Promise.all([personRefs(table, items.map((i) => i.memberId)), storeNames(table)])
  const last = items[items.length - 1]
  return {
    items: items.map((i) => ({ person: people.get(i.memberId)!, role: i.role, store: storeRefOf(stores, i.storeId)!, disabled: i.disabled, since: i.since })),
    nextCursor: more && last ? encodeCursor(scope, { after: storeId ? last.sk : last.gsi1sk! }) : null,
  }
}
