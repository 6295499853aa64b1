import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb'
import { DomainError } from '../lib/errors'
import { getItem, isConditionFailed, type Table } from '../lib/db'
import { keys } from '../lib/keys'

export interface StoreItem {
  storeId: string
  name: string
  city: string
  createdAt: string
}

/** Creates a store once; creating it again with the same id is a no-op that returns false. */
export async function createStore(table: Table, store: StoreItem): Promise<boolean> {
  try {
    await table.db.send(
      new PutCommand({
        TableName: table.name,
        Item: { ...keys.store(store.storeId), ...keys.storesList(), gsi1sk: store.storeId, type: 'store', ...store },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    )
    return true
  } catch (err) {
    if (isConditionFailed(err)) return false
    throw err
  }
}

export async function listStores(table: Table): Promise<StoreItem[]> {
  const { Items = [] } = await table.db.send(
    new QueryCommand({
      TableName: table.name,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.storesList().gsi1pk },
    }),
  )
  return Items.map(({ storeId, name, city, createdAt }) => ({ storeId, name, city, createdAt }))
}

export async function getStore(table: Table, storeId: string): Promise<StoreItem> {
  const store = await getItem<StoreItem>(table, keys.store(storeId))
  if (!store) throw new DomainError('store.not_found', '门店不存在')
  const { name, city, createdAt } = store
  return { storeId, name, city, createdAt }
}
