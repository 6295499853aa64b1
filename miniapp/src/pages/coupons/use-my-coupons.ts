import { useCallback, useRef, useState } from 'react'
import type { Coupon } from '@siyu/shared/schemas/coupons'
import { api } from '@/api'
import type { ApiError } from '@/api/errors'
import { showError } from '@/lib/feedback'

export const PAGE_SIZE = 20
/** Coupons held at a till right now: a handful at most, so one page of them is all of them. */
const HELD_LIMIT = 100

export type WalletTab = 'usable' | 'used' | 'expired'

export const WALLET_TABS: readonly { key: WalletTab; label: string }[] = [
  { key: 'usable', label: '可使用' },
  { key: 'used', label: '已使用' },
  { key: 'expired', label: '已过期' },
]

export interface WalletState {
  tab: WalletTab
  items: Coupon[]
  nextCursor: string | null
  /** `idle`: not opened yet; `loading`: the first page of this tab is on its way, nothing to show. */
  status: 'idle' | 'loading' | 'ready' | 'error'
  error: ApiError | undefined
  loadingMore: boolean
  /** Why the last "load more" failed; the list stays and the footer offers a retry. */
  moreError: ApiError | undefined
}

export interface MyCoupons extends WalletState {
  setTab: (tab: WalletTab) => void
  /** First time: loads the first page; later: refreshes it, keeping the rows on screen. */
  open: () => Promise<void>
  refresh: () => Promise<void>
  loadMore: () => Promise<void>
}

const initial = (tab: WalletTab, status: WalletState['status'] = 'loading'): WalletState => ({
  tab, items: [], nextCursor: null, status, error: undefined, loadingMore: false, moreError: undefined,
})

/** Appends coupons not shown yet (a coupon can move between held and available between requests). */
function append(items: Coupon[], more: Coupon[]): Coupon[] {
  const seen = new Set(items.map((c) => c.code))
  return [...items, ...more.filter((c) => !seen.has(c.code))]
}

/**
 * 可使用 is two statuses: `held` (being used at a till this minute, shown first with 使用中) and
 * `available`, paged. The other tabs are one status each.
 */
async function firstPage(tab: WalletTab, limit: number): Promise<{ items: Coupon[]; nextCursor: string | null }> {
  if (tab !== 'usable') return api.call('getMyCoupons', { query: { status: tab, limit } })
  const [held, available] = await Promise.all([
    api.call('getMyCoupons', { query: { status: 'held', limit: HELD_LIMIT } }),
    api.call('getMyCoupons', { query: { status: 'available', limit } }),
  ])
  return { items: append(held.items, available.items), nextCursor: available.nextCursor }
}

const nextPage = (tab: WalletTab, cursor: string, limit: number) =>
  api.call('getMyCoupons', { query: { status: tab === 'usable' ? 'available' : tab, cursor, limit } })

/**
 * 我的券: the member's coupons of one tab, newest first, paged by the server's cursor. Nothing
 * loads until the wallet is opened; answers for a tab the member has left are dropped.
 */
export function useMyCoupons(limit = PAGE_SIZE): MyCoupons {
  const [state, setState] = useState<WalletState>(() => initial('usable', 'idle'))
  const current = useRef(state)
  current.current = state
  /** Bumped by every first-page load; an answer for an older generation is stale. */
  const generation = useRef(0)
  const loadingMore = useRef(false)

  const loadFirst = useCallback(
    async (tab: WalletTab, keepRows: boolean) => {
      const gen = ++generation.current
      loadingMore.current = false
      const shown = keepRows && current.current.tab === tab && current.current.status === 'ready'
      setState((s) => (shown ? { ...s, moreError: undefined } : initial(tab)))
      try {
        const page = await firstPage(tab, limit)
        if (gen !== generation.current) return
        setState({ ...initial(tab), items: page.items, nextCursor: page.nextCursor, status: 'ready' })
      } catch (err) {
        if (gen !== generation.current) return
        if (shown) showError(err)
        else setState({ ...initial(tab), status: 'error', error: err as ApiError })
      }
    },
    [limit],
  )

  const loadMore = useCallback(async () => {
    const { status, nextCursor, tab } = current.current
    if (status !== 'ready' || !nextCursor || loadingMore.current) return
    const gen = generation.current
    loadingMore.current = true
    setState((s) => ({ ...s, loadingMore: true, moreError: undefined }))
    try {
      const page = await nextPage(tab, nextCursor, limit)
      if (gen !== generation.current) return
      setState((s) => ({ ...s, items: append(s.items, page.items), nextCursor: page.nextCursor, loadingMore: false }))
    } catch (err) {
      if (gen !== generation.current) return
      setState((s) => ({ ...s, loadingMore: false, moreError: err as ApiError }))
    } finally {
      if (gen === generation.current) loadingMore.current = false
    }
  }, [limit])

  const setTab = useCallback(
    (tab: WalletTab) => {
      if (tab !== current.current.tab || current.current.status === 'idle') void loadFirst(tab, false)
    },
    [loadFirst],
  )

  const refresh = useCallback(() => loadFirst(current.current.tab, true), [loadFirst])
  const open = useCallback(() => loadFirst(current.current.tab, current.current.status !== 'idle'), [loadFirst])

  return { ...state, setTab, open, refresh, loadMore }
}
