import type { z } from 'zod'
import type { UpdateStoreRequest } from '@siyu/shared/schemas/console'
import { DomainError } from '../lib/errors'
import type { Table } from '../lib/db'
import type { Clock } from '../lib/ids'
import { withRetry } from '../lib/retry'
import { commit, transact } from '../lib/transact'
import { brandAuditPutPart } from '../entities/brand-audit'
import { findStore, putNewStore, queryStores, storePutNewPart, storeUpdatePart, type NewStore, type StoreProfile } from '../entities/store'
import type { Operator } from '../console/operator'

export type StoreItem = StoreProfile

/** Who created or changed a store, for the brand audit. */
export interface StoreActor {
  actorId: string
  requestId: string
}

/**
 * Creates a store once; creating it again with the same id is a no-op that returns false. With an
 * actor (the console), the store and its brand audit entry (`store.create`) are one transaction.
 */
export async function createStore(table: Table, store: NewStore, actor?: StoreActor): Promise<boolean> {
  if (!actor) return putNewStore(table, store)
  const failed = await transact(table, [
    storePutNewPart(table, store),
    brandAuditPutPart(table, {
      id: `store.create:${store.storeId}`, at: store.createdAt, actorId: actor.actorId, action: 'store.create', storeId: store.storeId,
      detail: `${store.name}（${store.city}）`, requestId: actor.requestId,
    }),
  ])
  if (!failed) return true
  if (failed.has('store')) return false
  throw new Error(`could not create store ${store.storeId} (failed: ${[...failed].join(', ') || 'conflict'})`)
}

/** The stores a console caller may see: every store for an admin, their own for a manager. */
export async function listStores(table: Table, op?: Operator): Promise<StoreItem[]> {
  const stores = await queryStores(table)
  return op?.role === 'manager' ? stores.filter((s) => s.storeId === op.storeId) : stores
}

export async function getStore(table: Table, storeId: string): Promise<StoreItem> {
  const store = await findStore(table, storeId)
  if (!store) throw new DomainError('store.not_found', '门店不存在')
  return store
}

const openText = (open: boolean) => (open ? '营业中' : '已停业')

/** What changed, in words, for the audit: 名称 一店 → 静安店；状态 营业中 → 已停业. */
function changesOf(before: StoreItem, after: StoreItem): string {
  const parts = [
    before.name !== after.name ? `名称 ${before.name} → ${after.name}` : '',
    before.city !== after.city ? `城市 ${before.city} → ${after.city}` : '',
    before.open !== after.open ? `状态 ${openText(before.open)} → ${openText(after.open)}` : '',
  ]
  return parts.filter(Boolean).join('；')
}

/**
 * Renames a store, moves its city, opens or closes it, with a brand audit entry (`store.update`)
 * in the same transaction, conditioned on the store as read (404 when there is none). Idempotent by
 * that condition: a request that changes nothing (a retry) answers the store and writes nothing.
 */
export async function updateStore(
  deps: { table: Table; clock: Clock }, actor: StoreActor, storeId: string, patch: z.output<typeof UpdateStoreRequest>,
): Promise<StoreItem> {
  return withRetry(async () => {
    const before = await getStore(deps.table, storeId)
    const after = { ...before, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) } as StoreItem
    const detail = changesOf(before, after)
    if (!detail) return before
    const at = deps.clock().toISOString()
    await commit(deps.table, [
      storeUpdatePart(deps.table, before, after),
      brandAuditPutPart(deps.table, { id: `store.update:${storeId}`, at, actorId: actor.actorId, action: 'store.update', storeId, detail, requestId: actor.requestId }),
    ])
    return after
  })
}
