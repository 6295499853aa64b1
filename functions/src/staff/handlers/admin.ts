import { requireAdmin, requireOperator } from '../../console/operator'
import { DomainError } from '../../lib/errors'
import { httpRoute } from '../../lib/http'
import { toMember } from '../../members/member-item'
import { loadRules } from '../../program/rules-repo'
import { createStore, getStore, listStores, updateStore } from '../../stores/stores'
import { createInvite, disableStaff, restoreStaff } from '../invites'

/** Creating a store again with the same details answers with it (a retry); other details are a 409. */
export const createStoreHandler = httpRoute('createStore', async ({ session, body, requestId }, deps) => {
  const op = await requireAdmin(deps.table, session)
  const store = { ...body, open: true, createdAt: deps.clock().toISOString() }
  if (await createStore(deps.table, store, { actorId: op.memberId, requestId })) return store
  const existing = await getStore(deps.table, body.storeId)
  if (existing.name !== body.name || existing.city !== body.city) throw new DomainError('store.exists', '门店编号已存在', { storeId: body.storeId })
  return existing
})

/** An admin sees every store, a manager their own. */
export const listStoresHandler = httpRoute('listStores', async ({ session }, deps) => ({ items: await listStores(deps.table, await requireOperator(deps.table, session)) }))

export const updateStoreHandler = httpRoute('updateStore', async ({ session, params, body, requestId }, deps) => {
  const op = await requireAdmin(deps.table, session)
  return updateStore(deps, { actorId: op.memberId, requestId }, params.storeId, body)
})

export const createInviteHandler = httpRoute('createStaffInvite', async ({ session, body, requestId }, deps) => {
  const op = await requireAdmin(deps.table, session)
  return createInvite(deps, op.memberId, body, requestId)
})

export const disableStaffHandler = httpRoute('disableStaff', async ({ session, params, requestId }, deps) => {
  const op = await requireAdmin(deps.table, session)
  return toMember(await disableStaff(deps, params.memberId, { actorId: op.memberId, requestId }), await loadRules(deps.table))
})

export const restoreStaffHandler = httpRoute('restoreStaff', async ({ session, params, requestId }, deps) => {
  const op = await requireAdmin(deps.table, session)
  return toMember(await restoreStaff(deps, params.memberId, { actorId: op.memberId, requestId }), await loadRules(deps.table))
})
