import { QueryCommand } from '@aws-sdk/lib-dynamodb'
import { StaffRole } from '@siyu/shared/schemas/staff'
import { z } from 'zod'
import { getItem, type Table } from '../lib/db'
import { keys } from '../lib/keys'
import { updatePart, type OnConditionFailed, type Part } from '../lib/transact'

/**
 * A store's staff member (`STORE#{storeId}` / `STAFF#{memberId}`; gsi1 `STAFF` / `{storeId}#{memberId}`):
 * the role they hold or held there, whether they are disabled, since when. Written in the same
 * transaction as the member's staff fields (bind, grant, disable, restore, role removal); a member
 * bound to another store leaves the old store's list. A disabled member keeps the item, so their
 * role can be given back.
 */
export const StoreStaffItem = z
  .object({
    sk: z.string(),
    gsi1sk: z.string().optional(),
    memberId: z.string(),
    storeId: z.string(),
    role: StaffRole,
    disabled: z.boolean(),
    since: z.string(),
    updatedAt: z.string(),
  })
  .loose()
export type StoreStaffItem = z.infer<typeof StoreStaffItem>

export interface StaffState {
  storeId: string
  role: StaffRole
  disabled: boolean
}

/** A fresh binding: the item as new (`since` = now), replacing any earlier one at the store. */
export function storeStaffPutPart(table: Table, s: StaffState & { memberId: string }, at: string): Part<'staffIndex'> {
  const item = { ...keys.storeStaff(s.storeId, s.memberId), type: 'storeStaff', memberId: s.memberId, storeId: s.storeId, role: s.role, disabled: s.disabled, since: at, updatedAt: at }
  return { name: 'staffIndex', item: { Put: { TableName: table.name, Item: item } } }
}

/** The role or the disabled flag changed at the same store: `since` kept (set now if the item is new). */
export function storeStaffUpsertPart(table: Table, s: StaffState & { memberId: string }, at: string, onConditionFailed?: OnConditionFailed, condition?: string): Part<'staffIndex'> {
  const { gsi1pk, gsi1sk } = keys.storeStaff(s.storeId, s.memberId)
  return updatePart('staffIndex', table, keys.storeStaffItem(s.storeId, s.memberId), {
    UpdateExpression: 'SET #type = :type, memberId = :m, storeId = :s, #role = :role, disabled = :d, updatedAt = :at, since = if_not_exists(since, :at), gsi1pk = :gpk, gsi1sk = :gsk',
    ...(condition ? { ConditionExpression: condition } : {}),
    ExpressionAttributeNames: { '#type': 'type', '#role': 'role' },
    ExpressionAttributeValues: { ':type': 'storeStaff', ':m': s.memberId, ':s': s.storeId, ':role': s.role, ':d': s.disabled, ':at': at, ':gpk': gsi1pk, ':gsk': gsi1sk },
  }, onConditionFailed)
}

/** The member left the store (bound elsewhere, or no longer staff by an operator's grant). */
export const storeStaffDeletePart = (table: Table, storeId: string, memberId: string): Part<'staffIndexOld'> => ({
  name: 'staffIndexOld', item: { Delete: { TableName: table.name, Key: keys.storeStaffItem(storeId, memberId) } },
})

/** The member's staff item at a store (consistent); undefined when they are not (and were not) staff there. */
export async function findStoreStaff(table: Table, storeId: string, memberId: string): Promise<StoreStaffItem | undefined> {
  const raw = await getItem(table, keys.storeStaffItem(storeId, memberId))
  return raw ? StoreStaffItem.parse(raw) : undefined
}

/**
 * One page of staff after `after` (a sort key of the listing): one store's partition (by member
 * id), or every store's on gsi1 (by store, then member). One row more than `limit` tells whether
 * another page exists.
 */
export async function storeStaffPage(table: Table, storeId: string | null, after: string | undefined, limit: number): Promise<{ items: StoreStaffItem[]; more: boolean }> {
  const query = storeId
    ? {
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.storeStaffItem(storeId, '').pk, ':prefix': keys.storeStaffPrefix() },
      ...(after ? { ExclusiveStartKey: keys.storeStaffItem(storeId, after.slice(keys.storeStaffPrefix().length)) } : {}),
    }
    : {
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.staffIndex() },
      ...(after ? { ExclusiveStartKey: staffIndexStart(after) } : {}),
    }
  const page = await table.db.send(new QueryCommand({ TableName: table.name, ...query, Limit: limit + 1 }))
  const items = (page.Items ?? []).map((i) => StoreStaffItem.parse(i))
  return { items: items.slice(0, limit), more: items.length > limit }
}

/** A gsi1 start key needs the table key too: both are built from `{storeId}#{memberId}`. */
function staffIndexStart(gsi1sk: string): Record<string, string> {
  const [storeId, memberId] = [gsi1sk.slice(0, gsi1sk.indexOf('#')), gsi1sk.slice(gsi1sk.indexOf('#') + 1)]
  return keys.storeStaff(storeId, memberId)
}

/** The staff role among a member's roles (a manager outranks a clerk); null when they hold none. */
export const staffRoleOf = (roles: readonly string[]): StaffRole | null => (roles.includes('manager') ? 'manager' : roles.includes('clerk') ? 'clerk' : null)
