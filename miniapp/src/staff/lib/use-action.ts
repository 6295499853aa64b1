import { useCallback, useRef, useState } from 'react'
import { ApiError, messageFor } from '@/api/errors'

export interface ActionError {
  code: string
  message: string
}

export interface ActionState {
  busy: boolean
  /** Why the last run failed, shown in place (a till needs an error that stays until read). */
  error: ActionError | null
  /** Runs one action at a time (a second tap while busy does nothing). */
  run: (action: () => Promise<void>) => Promise<void>
  clearError: () => void
}

export const actionError = (err: unknown): ActionError => ({ code: err instanceof ApiError ? err.code : 'client.failed', message: messageFor(err) })

/** A till action's busy flag and its error, kept in place rather than toasted. */
export function useAction(): ActionState {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ActionError | null>(null)
  const running = useRef(false)
  const run = useCallback(async (action: () => Promise<void>) => {
    if (running.current) return
    running.current = true
    setBusy(true)
    setError(null)
    try {
      await action()
    } catch (err) {
      setError(actionError(err))
    } finally {
      running.current = false
      setBusy(false)
    }
  }, [])
  const clearError = useCallback(() => setError(null), [])
  return { busy, error, run, clearError }
}
