import { useCallback, useEffect, useRef, useState } from 'react'
import type { AuditPage } from '@siyu/shared/schemas/staff'
import { api } from '@/api'
import type { ApiError } from '@/api/errors'

export const AUDIT_PAGE_SIZE = 30

export type AuditEntry = AuditPage['items'][number]

export interface AuditFilter {
  date: string
  /** One staff member's entries, or everyone's. */
  staffId: string | null
}

export interface AuditState {
  filter: AuditFilter
  items: AuditEntry[]
  nextCursor: string | null
  /** `loading`: the first page of this filter is on its way and nothing is shown yet. */
  status: 'loading' | 'ready' | 'error'
  error: ApiError | undefined
  loadingMore: boolean
  moreError: ApiError | undefined
}

export interface AuditList extends AuditState {
  setFilter: (filter: AuditFilter) => void
  refresh: () => Promise<void>
  loadMore: () => Promise<void>
}

const initial = (filter: AuditFilter): AuditState => ({
  filter, items: [], nextCursor: null, status: 'loading', error: undefined, loadingMore: false, moreError: undefined,
})

const fetchPage = (filter: AuditFilter, cursor: string | null, limit: number) =>
  api.call('getAudit', { query: { date: filter.date, staffId: filter.staffId ?? undefined, cursor: cursor ?? undefined, limit } })

/** The store's audit entries of a day, paged by the server's cursor; answers for an older filter are dropped. */
export function useAudit(first: AuditFilter, limit = AUDIT_PAGE_SIZE): AuditList {
  const [state, setState] = useState<AuditState>(() => initial(first))
  const current = useRef(state)
  current.current = state
  const generation = useRef(0)
  const loadingMore = useRef(false)

  const load = useCallback(
    async (filter: AuditFilter) => {
      const gen = ++generation.current
      loadingMore.current = false
      setState(initial(filter))
      try {
        const page = await fetchPage(filter, null, limit)
        if (gen === generation.current) setState({ ...initial(filter), items: page.items, nextCursor: page.nextCursor, status: 'ready' })
      } catch (err) {
        if (gen === generation.current) setState({ ...initial(filter), status: 'error', error: err as ApiError })
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
      setState((s) => {
        const seen = new Set(s.items.map((e) => e.id))
        return { ...s, items: [...s.items, ...page.items.filter((e) => !seen.has(e.id))], nextCursor: page.nextCursor, loadingMore: false }
      })
    } catch (err) {
      if (gen === generation.current) setState((s) => ({ ...s, loadingMore: false, moreError: err as ApiError }))
    } finally {
      if (gen === generation.current) loadingMore.current = false
    }
  }, [limit])

  const setFilter = useCallback((filter: AuditFilter) => void load(filter), [load])
  const refresh = useCallback(() => load(current.current.filter), [load])

  useEffect(() => {
    void load(first)
    // The first filter only: later ones come through setFilter.
  }, [load])

  return { ...state, setFilter, refresh, loadMore }
}
