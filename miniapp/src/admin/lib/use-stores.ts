import { useMemo } from 'react'
import type { ApiResponse } from '@/api'
import { api, useRequest } from '@/api'

export type ConsoleStore = ApiResponse<'listStores'>['items'][number]

/**
 * The stores the caller may see (a manager: their own), with a lookup from id to name so that
 * pages show store names, never ids.
 */
export function useStores() {
  const state = useRequest(() => api.call('listStores'), [], { silent: true })
  const { data } = state
  const names = useMemo(() => new Map((data?.items ?? []).map((s) => [s.storeId, s.name])), [data])
  return { ...state, stores: data?.items ?? [], nameOf: (id: string) => names.get(id) ?? '未知门店' }
}
