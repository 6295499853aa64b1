import { useCallback, useState } from 'react'
import { showError } from './feedback'

/**
 * A button's busy flag and its runner: `run(action)` marks busy while the action runs and shows
 * its error as a toast, so every action button behaves the same.
 */
export function useBusy(): [busy: boolean, run: (action: () => Promise<void>) => Promise<void>] {
  const [busy, setBusy] = useState(false)
  const run = useCallback(async (action: () => Promise<void>) => {
    setBusy(true)
    try {
      await action()
    } catch (err) {
      showError(err)
    } finally {
      setBusy(false)
    }
  }, [])
  return [busy, run]
}
