import { api, type ApiResponse } from '@/api'
import { useCursorPages, type CursorPages } from './use-cursor-pages'
import { useShownData, type ShownDataState } from './use-shown-data'

export type MyInvite = ApiResponse<'getMyInvite'>
export type Referral = ApiResponse<'getMyReferrals'>['items'][number]
export type MyReferrals = Omit<CursorPages<'all', Referral>, 'key' | 'setKey'>

export const REFERRALS_PAGE_SIZE = 20

const loadMyInvite = () => api.call('getMyInvite')

/** The member's invite code, counts and milestone progress, fresh each time the tab shows (invitees buy elsewhere). */
export const useMyInvite = (): ShownDataState<MyInvite> => useShownData(loadMyInvite)

/** A row has no id of its own; an invitee joins once, so the time and masked name tell rows apart. */
export const referralId = (r: Referral) => `${r.boundAt}|${r.name}`

/** The member's invitees, newest first, paged by the server's cursor; nothing loads before `open`. */
export function useMyReferrals(limit = REFERRALS_PAGE_SIZE): MyReferrals {
  const { key: _key, setKey: _setKey, ...pages } = useCursorPages<'all', Referral>({
    initialKey: 'all',
    fetchPage: (_all, cursor) => api.call('getMyReferrals', { query: { limit, cursor: cursor ?? undefined } }),
    idOf: referralId,
    // The tab opens it on every show (the first one loads, later ones refresh).
    lazy: true,
  })
  return pages
}
