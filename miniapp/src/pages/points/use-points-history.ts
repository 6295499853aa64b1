import type { PointsEntry } from '@siyu/shared/schemas/points'
import { api } from '@/api'
import { useCursorPages, type CursorPages } from '@/store/use-cursor-pages'
import { codeOf, type FilterKey } from './entries'

export const PAGE_SIZE = 20

export interface PointsHistory extends Omit<CursorPages<FilterKey, PointsEntry>, 'key' | 'setKey' | 'open'> {
  filter: FilterKey
  setFilter: (filter: FilterKey) => void
}

/**
 * Points history, newest first, one filter at a time, paged by the server's cursor. Answers that
 * arrive after the filter changed (or after a refresh began) are dropped.
 */
export function usePointsHistory(limit = PAGE_SIZE): PointsHistory {
  const { key, setKey, open: _open, ...pages } = useCursorPages<FilterKey, PointsEntry>({
    initialKey: 'all',
    fetchPage: (filter, cursor) => api.call('getPointsHistory', { query: { limit, cursor: cursor ?? undefined, code: codeOf(filter) } }),
    idOf: (entry) => entry.id,
  })
  return { ...pages, filter: key, setFilter: setKey }
}
