import { api, type ApiResponse } from '@/api'
import { useShownData, type ShownDataState } from './use-shown-data'

export type PointsSummary = ApiResponse<'getPoints'>
export type PointsSummaryState = ShownDataState<PointsSummary>

const loadPoints = () => api.call('getPoints')

/** The member's points balance, fresh each time the page shows (points change at the till, by check-ins). */
export const usePointsSummary = (): PointsSummaryState => useShownData(loadPoints)
