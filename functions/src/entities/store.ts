import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb'
import { z } from 'zod'
import { conditionally, getItem, type Table } from '../lib/db'
import { DomainError } from '../lib/errors'
import { keys } from '../lib/keys'
import { updatePart, type Part } from '../lib/transact'

/** A store (`STORE#{storeId}` / `PROFILE`), listed on gsi1 `STORES` / `{storeId}`. Stored without `open` (before the console): open. */
export const StoreItem = z.object({
  storeId: z.string(),
  name: z.string(),
  city: z.string(),
  open: z.boolean().optional(),
  createdAt: z.string(),
}).loose()
export type StoreItem = z.infer<typeof StoreItem>

/** The store's own fields (what the API shows), without keys or other attributes. */
const profileOf = (raw: unknown) => {
  const { storeId, name, city, open, createdAt } = StoreItem.parse(raw)
  return { storeId, name, city, open: open ?? true, createdAt }
}
export type StoreProfile = ReturnType<typeof profileOf>
/** A store to create: open unless said otherwise. */
export type NewStore = Omit<StoreProfile, 'open'> & { open?: boolean }

const storeItemOf = (store: NewStore) => ({ ...keys.store(store.storeId), ...keys.storesList(), gsi1sk: store.storeId, type: 'store', ...store, open: store.open ?? true })

/** Puts a new store, `attribute_not_exists`; false when the id exists already. */
export async function putNewStore(table: Table, store: NewStore): Promise<boolean> {
  return conditionally(table.db.send(new PutCommand({ TableName: table.name, Item: storeItemOf(store), ConditionExpression: 'attribute_not_exists(pk)' })))
}

/** A new store in the transaction of its audit entry; the id taken is 'retry' (the caller reads what is there). */
export const storePutNewPart = (table: Table, store: NewStore): Part<'store'> => ({
  name: 'store',
  item: { Put: { TableName: table.name, Item: storeItemOf(store), ConditionExpression: 'attribute_not_exists(pk)' } },
  onConditionFailed: () => 'retry',
})

/**
 * A store's name, city or open flag changed from the profile read: conditioned on that profile
 * (a concurrent edit, or the store gone, is 'retry': read and decide again).
 */
export function storeUpdatePart(table: Table, before: StoreProfile, after: StoreProfile): Part<'store'> {
  return updatePart('store', table, keys.store(before.storeId), {
    UpdateExpression: 'SET #name = :name, city = :city, #open = :open',
    ConditionExpression: `#name = :n0 AND city = :c0 AND ${before.open ? '(attribute_not_exists(#open) OR #open = :o0)' : '#open = :o0'}`,
    ExpressionAttributeNames: { '#name': 'name', '#open': 'open' },
    ExpressionAttributeValues: { ':name': after.name, ':city': after.city, ':open': after.open, ':n0': before.name, ':c0': before.city, ':o0': before.open },
  }, () => 'retry')
}

/**
 * A till write's store is open when it commits (a ConditionCheck in the write's own transaction;
 * a store without the flag, or with no item, is open), else `store.closed`.
 */
export const storeOpenPart = (table: Table, storeId: string): Part<'storeOpen'> => ({
  name: 'storeOpen',
  item: {
    ConditionCheck: {
      TableName: table.name, Key: keys.store(storeId), ConditionExpression: 'attribute_not_exists(#open) OR #open = :true',
      ExpressionAttributeNames: { '#open': 'open' }, ExpressionAttributeValues: { ':true': true },
    },
  },
  onConditionFailed: () => new DomainError('store.closed', '门店已停业，暂不能记录消费或使用积分抵扣'),
})

/** Every store (gsi1 `STORES`). */
export async function queryStores(table: Table): Promise<StoreProfile[]> {
  const stores: StoreProfile[] = []
  let start: Record<string, unknown> | undefined
  do {
    const page = await table.db.send(new QueryCommand({
      TableName: table.name, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.storesList().gsi1pk }, ExclusiveStartKey: start,
    }))
    stores.push(...(page.Items ?? []).map(profileOf))
    start = page.LastEvaluatedKey
  } while (start)
  return stores
}

/** The store (consistent read); undefined when there is none. */
export async function findStore(table: Table, storeId: string): Promise<StoreProfile | undefined> {
  const raw = await getItem(table, keys.store(storeId))
  return raw ? profileOf(raw) : undefined
}
