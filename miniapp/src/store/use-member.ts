import { useCallback, useState, useSyncExternalStore } from 'react'
import { useDidShow } from '@tarojs/taro'
import { api } from '@/api'
import type { ApiError } from '@/api/errors'
import { showError } from '@/lib/feedback'
import { goConsent } from '@/lib/nav'
import { memberStore, type Member } from './member-store'

export interface MemberState {
  member: Member | null
  /** True while the first load runs (later refreshes keep showing the known member). */
  loading: boolean
  error: ApiError | undefined
  reload: () => Promise<void>
}

/**
 * The logged-in member, refreshed each time the page shows. A member who has not accepted the
 * current privacy policy is sent to the consent page.
 */
export function useMember(): MemberState {
  const member = useSyncExternalStore(memberStore.subscribe, memberStore.get)
  const [pending, setPending] = useState(() => memberStore.get() === null)
  const [error, setError] = useState<ApiError>()

  const reload = useCallback(async () => {
    setPending(true)
    setError(undefined)
    try {
      const fresh = await api.call('getMe')
      memberStore.set(fresh)
      if (fresh.needsConsent) goConsent()
    } catch (err) {
      setError(err as ApiError)
      showError(err)
    } finally {
      setPending(false)
    }
  }, [])

  useDidShow(() => {
    void reload()
  })

  return { member, loading: pending && !member, error, reload }
}
