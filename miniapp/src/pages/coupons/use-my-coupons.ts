import type { Coupon } from '@siyu/shared/schemas/coupons'
import { api } from '@/api'
import { appendNew, useCursorPages, type CursorPage, type CursorPages } from '@/store/use-cursor-pages'

export const PAGE_SIZE = 20
/** Coupons held at a till right now: a handful at most, so one page of them is all of them. */
const HELD_LIMIT = 100

export type WalletTab = 'usable' | 'used' | 'expired'

export const WALLET_TABS: readonly { key: WalletTab; label: string }[] = [
  { key: 'usable', label: '可使用' },
  { key: 'used', label: '已使用' },
  { key: 'expired', label: '已过期' },
]

export interface MyCoupons extends Omit<CursorPages<WalletTab, Coupon>, 'key' | 'setKey'> {
  tab: WalletTab
  setTab: (tab: WalletTab) => void
}

const codeOf = (coupon: Coupon) => coupon.code

/**
 * 可使用 is two statuses: `held` (being used at a till this minute, shown first with 使用中) and
 * `available`, paged (a coupon that moved from held to available between the two requests is
 * shown once). The other tabs are one status each.
 */
async function firstPage(tab: WalletTab, limit: number): Promise<CursorPage<Coupon>> {
  if (tab !== 'usable') return api.call('getMyCoupons', { query: { status: tab, limit } })
  const [held, available] = await Promise.all([
    api.call('getMyCoupons', { query: { status: 'held', limit: HELD_LIMIT } }),
    api.call('getMyCoupons', { query: { status: 'available', limit } }),
  ])
  return { items: appendNew(held.items, available.items, codeOf), nextCursor: available.nextCursor }
}

const nextPage = (tab: WalletTab, cursor: string, limit: number) =>
  api.call('getMyCoupons', { query: { status: tab === 'usable' ? 'available' : tab, cursor, limit } })

/**
 * 我的券: the member's coupons of one tab, newest first, paged by the server's cursor. Nothing
 * loads until the wallet is opened; answers for a tab the member has left are dropped.
 */
export function useMyCoupons(limit = PAGE_SIZE): MyCoupons {
  const { key, setKey, ...pages } = useCursorPages<WalletTab, Coupon>({
    initialKey: 'usable',
    fetchPage: (tab, cursor) => (cursor ? nextPage(tab, cursor, limit) : firstPage(tab, limit)),
    idOf: codeOf,
    lazy: true,
  })
  return { ...pages, tab: key, setTab: setKey }
}
