import { useCallback, useEffect, useRef, useState } from 'react'
import type { ApiError } from '@/api/errors'
import { showError } from '@/lib/feedback'

/** One page of a list the server pages by cursor; `nextCursor` is null on the last page. */
export interface CursorPage<Item> {
  items: Item[]
  nextCursor: string | null
}

export interface CursorPagesState<Key, Item> {
  /** What the list shows: a filter, a tab. */
  key: Key
  items: Item[]
  nextCursor: string | null
  /**
   * `idle`: a lazy list not opened yet; `loading`: the first page of this key is on its way and
   * nothing is shown; `ready`: the rows (possibly none) are shown; `error`: the first page failed.
   */
  status: 'idle' | 'loading' | 'ready' | 'error'
  /** Why the first page failed (status `error`). */
  error: ApiError | undefined
  loadingMore: boolean
  /** Why the last "load more" failed; the rows stay and the footer offers a retry. */
  moreError: ApiError | undefined
}

export interface CursorPages<Key, Item> extends CursorPagesState<Key, Item> {
  /** Shows another key from its first page; the same key again does nothing (unless not opened yet). */
  setKey: (key: Key) => void
  /** First time: loads the first page; later: refreshes it. */
  open: () => Promise<void>
  /** Reloads the first page, keeping the rows on screen until it arrives; a failure is a toast. */
  refresh: () => Promise<void>
  /** Appends the next page, if there is one and none is loading. */
  loadMore: () => Promise<void>
}

export interface CursorPagesOptions<Key, Item> {
  initialKey: Key
  /** Fetches the first page of a key (cursor null) or the page after a cursor. */
  fetchPage: (key: Key, cursor: string | null) => Promise<CursorPage<Item>>
  /** Identifies a row, so that overlapping pages show it once. */
  idOf: (item: Item) => string
  /** Loads nothing until `open` or `setKey` (status `idle`); otherwise the first page loads on mount. */
  lazy?: boolean
}

const initial = <Key, Item>(key: Key, status: CursorPagesState<Key, Item>['status']): CursorPagesState<Key, Item> => ({
  key, items: [], nextCursor: null, status, error: undefined, loadingMore: false, moreError: undefined,
})

/** Appends the rows not shown yet (pages overlap when rows arrive between requests). */
export function appendNew<Item>(items: Item[], more: Item[], idOf: (item: Item) => string): Item[] {
  const seen = new Set(items.map(idOf))
  return [...items, ...more.filter((item) => !seen.has(idOf(item)))]
}

/**
 * A list paged by the server's cursor, one key (filter, tab) at a time. Every first-page load
 * starts a new generation; answers for an older one (the key changed, a refresh began) are dropped.
 */
export function useCursorPages<Key, Item>(options: CursorPagesOptions<Key, Item>): CursorPages<Key, Item> {
  const [state, setState] = useState(() => initial<Key, Item>(options.initialKey, options.lazy ? 'idle' : 'loading'))
  const current = useRef(state)
  current.current = state
  // The latest fetchPage and idOf, so callers may pass new closures on every render.
  const source = useRef(options)
  source.current = options
  const generation = useRef(0)
  const loadingMore = useRef(false)

  const loadFirst = useCallback(async (key: Key, keepRows: boolean) => {
    const gen = ++generation.current
    loadingMore.current = false
    const shown = keepRows && current.current.status === 'ready'
    setState((s) => (shown ? { ...s, loadingMore: false, moreError: undefined } : initial(key, 'loading')))
    try {
      const page = await source.current.fetchPage(key, null)
      if (gen !== generation.current) return
      setState({ ...initial(key, 'ready'), items: page.items, nextCursor: page.nextCursor })
    } catch (err) {
      if (gen !== generation.current) return
      if (shown) showError(err)
      else setState({ ...initial(key, 'error'), error: err as ApiError })
    }
  }, [])

  const loadMore = useCallback(async () => {
    const { status, nextCursor, key } = current.current
    if (status !== 'ready' || !nextCursor || loadingMore.current) return
    const gen = generation.current
    loadingMore.current = true
    setState((s) => ({ ...s, loadingMore: true, moreError: undefined }))
    try {
      const page = await source.current.fetchPage(key, nextCursor)
      if (gen !== generation.current) return
      const { idOf } = source.current
      setState((s) => ({ ...s, items: appendNew(s.items, page.items, idOf), nextCursor: page.nextCursor, loadingMore: false }))
    } catch (err) {
      if (gen !== generation.current) return
      setState((s) => ({ ...s, loadingMore: false, moreError: err as ApiError }))
    } finally {
      if (gen === generation.current) loadingMore.current = false
    }
  }, [])

  const setKey = useCallback(
    (key: Key) => {
      const { key: shownKey, status } = current.current
      if (!Object.is(key, shownKey) || status === 'idle') void loadFirst(key, false)
    },
    [loadFirst],
  )
  const refresh = useCallback(() => loadFirst(current.current.key, true), [loadFirst])
  const open = useCallback(() => loadFirst(current.current.key, current.current.status !== 'idle'), [loadFirst])

  useEffect(() => {
    if (!source.current.lazy) void loadFirst(current.current.key, false)
    // On mount only: later keys come through setKey.
  }, [loadFirst])

  return { ...state, setKey, open, refresh, loadMore }
}
