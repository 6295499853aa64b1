import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react'
import { showError } from '@/lib/feedback'
import type { ApiError } from './errors'

export interface RequestState<T> {
  data: T | undefined
  error: ApiError | undefined
  loading: boolean
  reload: () => Promise<void>
}

/** Runs `load` on mount and whenever `deps` change; failures are toasted unless `silent`. */
export function useRequest<T>(load: () => Promise<T>, deps: DependencyList = [], options: { silent?: boolean } = {}): RequestState<T> {
  const [state, setState] = useState<Omit<RequestState<T>, 'reload'>>({ data: undefined, error: undefined, loading: true })
  const alive = useRef(true)
  useEffect(() => {
    alive.current = true
    return () => {
      alive.current = false
    }
  }, [])

  // eslint-disable-next-line react-hooks/exhaustive-deps
  const run = useCallback(async () => {
    setState((s) => ({ ...s, loading: true, error: undefined }))
    try {
      const data = await load()
      if (alive.current) setState({ data, error: undefined, loading: false })
    } catch (err) {
      if (!options.silent) showError(err)
      if (alive.current) setState((s) => ({ ...s, error: err as ApiError, loading: false }))
    }
  }, deps)

  useEffect(() => {
    void run()
  }, [run])

  return { ...state, reload: run }
}
