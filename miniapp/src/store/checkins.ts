import { api, type ApiResponse } from '@/api'
import { useShownData, type ShownDataState } from './use-shown-data'

export type CheckinCalendar = ApiResponse<'getCheckins'>
export type CheckinResult = ApiResponse<'checkIn'>
export type CheckinCalendarState = ShownDataState<CheckinCalendar>

const loadThisMonth = () => api.call('getCheckins', { query: {} })

/** This month's check-ins (streak, today's state, next bonus), fresh each time the page shows. */
export const useCheckinCalendar = (): CheckinCalendarState => useShownData(loadThisMonth)
