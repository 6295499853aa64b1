import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb'
import { z } from 'zod'
import { conditionally, getItem, type Table } from '../lib/db'
import { keys } from '../lib/keys'

/** A store (`STORE#{storeId}` / `PROFILE`), listed on gsi1 `STORES` / `{storeId}`. */
export const StoreItem = z.object({
  storeId: z.string(),
  name: z.string(),
  city: z.string(),
  createdAt: z.string(),
}).loose()
export type StoreItem = z.infer<typeof StoreItem>

/** The store's own fields (what the API shows), without keys or other attributes. */
const profileOf = (raw: unknown) => {
  const { storeId, name, city, createdAt } = StoreItem.parse(raw)
  return { storeId, name, city, createdAt }
}
export type StoreProfile = ReturnType<typeof profileOf>

/** Puts a new store, `attribute_not_exists`; false when the id exists already. */
export async function putNewStore(table: Table, store: StoreProfile): Promise<boolean> {
  return conditionally(table.db.send(new PutCommand({
    TableName: table.name,
    Item: { ...keys.store(store.storeId), ...keys.storesList(), gsi1sk: store.storeId, type: 'store', ...store },
    ConditionExpression: 'attribute_not_exists(pk)',
  })))
}

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
