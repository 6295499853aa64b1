import { DomainError } from '../lib/errors'
import type { Table } from '../lib/db'
import { findStore, putNewStore, queryStores, type StoreProfile } from '../entities/store'

export type StoreItem = StoreProfile

/** Creates a store once; creating it again with the same id is a no-op that returns false. */
export const createStore = (table: Table, store: StoreItem): Promise<boolean> => putNewStore(table, store)

export const listStores = (table: Table): Promise<StoreItem[]> => queryStores(table)

export async function getStore(table: Table, storeId: string): Promise<StoreItem> {
  const store = await findStore(table, storeId)
  if (!store) throw new DomainError('store.not_found', '门店不存在')
  return store
}
