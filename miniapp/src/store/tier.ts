import { api, type ApiResponse } from '@/api'
import { useShownData, type ShownDataState } from './use-shown-data'

export type MyTier = ApiResponse<'getMyTier'>
export type MyTierState = ShownDataState<MyTier>
export type TierRung = MyTier['ladder'][number]
export type TierGift = TierRung['upgradeGift']
export type TierChange = MyTier['history'][number]
export type ProvisionalTier = MyTier['provisional'][number]

const loadMyTier = () => api.call('getMyTier')

/** The member's tier, growth and ladder, fresh each time the page shows (a purchase can upgrade it). */
export const useMyTier = (): MyTierState => useShownData(loadMyTier)
