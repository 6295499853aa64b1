import { DomainError } from '../../lib/errors'
import { httpRoute } from '../../lib/http'
import { toMember } from '../../members/member-item'
import { loadRules } from '../../program/rules-repo'
import { createStore, getStore, listStores } from '../../stores/stores'
import { createInvite, disableStaff } from '../invites'

/** Creating a store again with the same details answers with it (a retry); other details are a 409. */
export const createStoreHandler = httpRoute('createStore', async ({ body }, deps) => {
  const store = { ...body, createdAt: deps.clock().toISOString() }
  if (await createStore(deps.table, store)) return store
  const existing = await getStore(deps.table, body.storeId)
  if (existing.name !== body.name || existing.city !== body.city) throw new DomainError('store.exists', '门店编号已存在', { storeId: body.storeId })
  return existing
})

export const listStoresHandler = httpRoute('listStores', async (_req, deps) => ({ items: await listStores(deps.table) }))

export const createInviteHandler = httpRoute('createStaffInvite', async ({ session, body }, deps) => createInvite(deps, session.memberId, body))

export const disableStaffHandler = httpRoute('disableStaff', async ({ params }, deps) =>
  toMember(await disableStaff(deps, params.memberId), await loadRules(deps.table)))
