import { useCallback, useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { api } from '@/api'
import { ApiError, ClientCode } from '@/api/errors'
import { showError, showSuccess } from '@/lib/feedback'
import type { MemberCodeSecret } from '@/lib/member-code'
import { memberCodeCache } from '@/store/member-code-cache'

export interface MemberCodeState {
  secret: MemberCodeSecret | null
  /** The refresh failed for want of network; the cached secret is shown. */
  offline: boolean
  /** Nothing to show: no cached secret and the fetch failed. */
  error: ApiError | undefined
  refresh: () => Promise<void>
  rotate: () => Promise<void>
}

/**
 * The member-code secret: the cached one at once (the code works offline), then the server's
 * (a rotation on another phone replaces it) each time the page shows.
 */
export function useMemberCodeSecret(): MemberCodeState {
  const [secret, setSecret] = useState(() => memberCodeCache.get())
  const [offline, setOffline] = useState(false)
  const [error, setError] = useState<ApiError>()

  const keep = useCallback((fresh: MemberCodeSecret) => {
    memberCodeCache.set(fresh)
    setSecret(fresh)
    setOffline(false)
    setError(undefined)
  }, [])

  const refresh = useCallback(async () => {
    try {
      keep(await api.call('getMemberCode'))
    } catch (err) {
      const apiError = err instanceof ApiError ? err : new ApiError(ClientCode.network, '网络异常，请稍后重试', 0)
      if (!memberCodeCache.get()) return setError(apiError)
      if (apiError.status === 0) setOffline(true)
      else showError(apiError)
    }
  }, [keep])

  const rotate = useCallback(async () => {
    const { confirm } = await Taro.showModal({
      title: '更换会员码',
      content: '更换后，之前的会员码（包括截图）将立即失效。确定更换吗？',
      confirmText: '更换',
    })
    if (!confirm) return
    try {
      keep(await api.call('rotateMemberCode'))
      showSuccess('已更换')
    } catch (err) {
      showError(err)
    }
  }, [keep])

  useDidShow(() => {
    void refresh()
  })

  return { secret, offline, error, refresh, rotate }
}
