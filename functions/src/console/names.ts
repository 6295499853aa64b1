import type { PersonRef, StoreRef } from '@siyu/shared/schemas/console'
import { MemberItem } from '../entities/member'
import { queryStores } from '../entities/store'
import { getItems, type Table } from '../lib/db'
import { keys } from '../lib/keys'

export const NO_NICKNAME = '未设置昵称'

/** How the console names a member: nickname (or 未设置昵称) and the masked phone. */
export function personRefOf(memberId: string, m: Pick<MemberItem, 'nickname' | 'phoneMasked'> | undefined): PersonRef {
  return { id: memberId, name: m?.nickname || (m ? NO_NICKNAME : '已注销会员'), phone: m?.phoneMasked ?? null }
}

/** Names for a set of member ids in one BatchGet round (eventually consistent: names are for display). */
export async function personRefs(table: Table, memberIds: Iterable<string | null | undefined>): Promise<Map<string, PersonRef>> {
  const ids = [...new Set([...memberIds].filter((id): id is string => !!id))]
  const items = ids.length ? await getItems(table, ids.map((id) => keys.member(id))) : []
  const byId = new Map(items.map((raw) => MemberItem.parse(raw)).map((m) => [m.memberId, m]))
  return new Map(ids.map((id) => [id, personRefOf(id, byId.get(id))]))
}

/** Every store's name by id (the brand has few stores: one index query). */
export async function storeNames(table: Table): Promise<Map<string, StoreRef>> {
  const stores = await queryStores(table)
  return new Map(stores.map((s) => [s.storeId, { id: s.storeId, name: s.name }]))
}

/** A store's reference, falling back to its id when it is unknown (deleted or never created). */
export const storeRefOf = (names: Map<string, StoreRef>, storeId: string | null | undefined): StoreRef | null =>
  storeId ? (names.get(storeId) ?? { id: storeId, name: storeId }) : null
