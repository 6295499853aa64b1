import { useCallback, useState } from 'react'
import { useDidShow } from '@tarojs/taro'
import { api, type ApiResponse } from '@/api'
import type { ApiError } from '@/api/errors'

export type PointsSummary = ApiResponse<'getPoints'>

export interface PointsSummaryState {
  data: PointsSummary | undefined
  error: ApiError | undefined
  /** True while a load runs; a refresh keeps showing the figures it already has. */
  loading: boolean
  reload: () => Promise<void>
}

/**
 * The member's points balance, loaded each time the page shows (points change elsewhere: at the
 * till, by a check-in). Errors are shown by the caller in place, not toasted.
 */
export function usePointsSummary(): PointsSummaryState {
  const [state, setState] = useState<Omit<PointsSummaryState, 'reload'>>({ data: undefined, error: undefined, loading: true })

  const reload = useCallback(async () => {
    setState((s) => ({ ...s, loading: true, error: undefined }))
    try {
      const data = await api.call('getPoints')
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
