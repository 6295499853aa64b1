import { useCallback, useEffect, useRef, useState } from 'react'
import type { PointsEntry } from '@siyu/shared/schemas/points'
import { api } from '@/api'
import type { ApiError } from '@/api/errors'
import { showError } from '@/lib/feedback'
import { codeOf, type FilterKey } from './entries'

export const PAGE_SIZE = 20

export interface HistoryState {
  filter: FilterKey
  items: PointsEntry[]
  nextCursor: string | null
  /** `loading`: the first page of this filter is on its way and there is nothing to show yet. */
  status: 'loading' | 'ready' | 'error'
  /** Why the first page failed (status `error`). */
  error: ApiError | undefined
  loadingMore: boolean
  /** Why the last "load more" failed; the list stays and the footer offers a retry. */
  moreError: ApiError | undefined
}

export interface PointsHistory extends HistoryState {
  setFilter: (filter: FilterKey) => void
  /** Reloads the first page of the current filter, keeping the rows on screen until it arrives. */
  refresh: () => Promise<void>
  /** Appends the next page, if there is one and none is loading. */
  loadMore: () => Promise<void>
}

const initial = (filter: FilterKey): HistoryState => ({
  filter, items: [], nextCursor: null, status: 'loading', error: undefined, loadingMore: false, moreError: undefined,
})

const fetchPage = (filter: FilterKey, cursor: string | null, limit: number) =>
  api.call('getPointsHistory', { query: { limit, cursor: cursor ?? undefined, code: codeOf(filter) } })

/** Appends a page, skipping rows already shown (pages can overlap when new entries arrive). */
function append(items: PointsEntry[], more: PointsEntry[]): PointsEntry[] {
  const seen = new Set(items.map((e) => e.id))
  return [...items, ...more.filter((e) => !seen.has(e.id))]
}

/**
 * Points history, newest first, one filter at a time, paged by the server's cursor. Answers that
 * arrive after the filter changed (or after a refresh began) are dropped.
 */
export function usePointsHistory(limit = PAGE_SIZE): PointsHistory {
  const [state, setState] = useState<HistoryState>(() => initial('all'))
  const current = useRef(state)
  current.current = state
  /** Bumped by every first-page load; an answer for an older generation is stale. */
  const generation = useRef(0)
  const loadingMore = useRef(false)

  const loadFirst = useCallback(
    async (filter: FilterKey, keepRows: boolean) => {
      const gen = ++generation.current
      loadingMore.current = false
      const shown = keepRows && current.current.filter === filter && current.current.items.length > 0
      setState((s) => (shown ? { ...s, moreError: undefined } : initial(filter)))
      try {
        const page = await fetchPage(filter, null, limit)
        if (gen !== generation.current) return
        setState({ ...initial(filter), items: page.items, nextCursor: page.nextCursor, status: 'ready' })
      } catch (err) {
        if (gen !== generation.current) return
        if (shown) showError(err)
        else setState({ ...initial(filter), status: 'error', error: err as ApiError })
      }
    },
    [limit],
  )

  const loadMore = useCallback(async () => {
    const { status, nextCursor, filter } = current.current
    if (status !== 'ready' || !nextCursor || loadingMore.current) return
    const gen = generation.current
    loadingMore.current = true
    setState((s) => ({ ...s, loadingMore: true, moreError: undefined }))
    try {
      const page = await fetchPage(filter, nextCursor, limit)
      if (gen !== generation.current) return
      setState((s) => ({ ...s, items: append(s.items, page.items), nextCursor: page.nextCursor, loadingMore: false }))
    } catch (err) {
      if (gen !== generation.current) return
      setState((s) => ({ ...s, loadingMore: false, moreError: err as ApiError }))
    } finally {
      if (gen === generation.current) loadingMore.current = false
    }
  }, [limit])

  const setFilter = useCallback(
    (filter: FilterKey) => {
      if (filter !== current.current.filter) void loadFirst(filter, false)
    },
    [loadFirst],
  )

  const refresh = useCallback(() => loadFirst(current.current.filter, true), [loadFirst])

  useEffect(() => {
    void loadFirst('all', false)
  }, [loadFirst])

  return { ...state, setFilter, refresh, loadMore }
}
