import { useCallback, useState } from 'react'
import { useDidShow } from '@tarojs/taro'
import type { ApiError } from '@/api/errors'

export interface ShownDataState<T> {
  data: T | undefined
  error: ApiError | undefined
  /** True while a load runs; a refresh keeps showing what it already has. */
  loading: boolean
  reload: () => Promise<void>
}

/**
 * Data loaded each time the page shows (it changes elsewhere: at the till, by a check-in, by the
 * date). Errors are kept for the caller to show in place, not toasted.
 */
export function useShownData<T>(load: () => Promise<T>): ShownDataState<T> {
  const [state, setState] = useState<Omit<ShownDataState<T>, 'reload'>>({ data: undefined, error: undefined, loading: true })

  const reload = useCallback(async () => {
    setState((s) => ({ ...s, loading: true, error: undefined }))
    try {
      const data = await load()
      setState({ data, error: undefined, loading: false })
    } catch (err) {
      setState((s) => ({ ...s, error: err as ApiError, loading: false }))
    }
    // `load` is a module-level function at every call site: it never changes.
  }, [])

  useDidShow(() => {
    void reload()
  })

  return { ...state, reload }
}
