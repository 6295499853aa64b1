import { useCallback, useState } from 'react'
import { useDidShow } from '@tarojs/taro'
import { api, type ApiResponse } from '@/api'
import type { ApiError } from '@/api/errors'

export type CheckinCalendar = ApiResponse<'getCheckins'>
export type CheckinResult = ApiResponse<'checkIn'>

export interface CheckinCalendarState {
  data: CheckinCalendar | undefined
  error: ApiError | undefined
  /** True while a load runs; a refresh keeps showing what it already has. */
  loading: boolean
  reload: () => Promise<void>
}

/**
 * This month's check-ins (streak, today's state, next bonus), loaded each time the page shows:
 * the day may have changed since. Errors are shown by the caller in place, not toasted.
 */
export function useCheckinCalendar(): CheckinCalendarState {
  const [state, setState] = useState<Omit<CheckinCalendarState, 'reload'>>({ data: undefined, error: undefined, loading: true })

  const reload = useCallback(async () => {
    setState((s) => ({ ...s, loading: true, error: undefined }))
    try {
      const data = await api.call('getCheckins', { query: {} })
      setState({ data, error: undefined, loading: false })
    } catch (err) {
      setState((s) => ({ ...s, error: err as ApiError, loading: false }))
    }
  }, [])

  useDidShow(() => {
    void reload()
  })

  return { ...state, reload }
}
