import { memberCodeCache } from '@/store/member-code-cache'
import { memberStore } from '@/store/member-store'
import { bindKeptInvite } from '@/store/pending-invite'
import { goConsent, goLogin } from '@/lib/nav'
import { silentLogin } from './auth'
import { createApiClient, type LoginResult } from './client'
import { devIdentity, tokenStore } from './session'

export { ApiError, messageFor } from './errors'
export type { ApiResponse, CallInput } from './client'
export { useRequest } from './use-request'

function onLogin(result: LoginResult) {
  memberStore.set(result.member)
  // Every login brings the member-code secret: the code then shows even without network.
  if (result.memberCode) memberCodeCache.set(result.memberCode)
  // A newcomer who arrived through a friend's share is bound to them now (no-op without a kept code).
  void bindKeptInvite(api)
}

/** The app's API client: `api.call('getMe')`, `api.call('updateMe', { body })`. */
export const api = createApiClient({
  baseUrl: typeof SIYU_API_BASE === 'string' ? SIYU_API_BASE : '',
  tokens: tokenStore,
  login: () => silentLogin(api),
  onLogin,
  onLoginRequired: goLogin,
  onConsentRequired: goConsent,
})

/** Binds an invite kept from a share link, when there is one and a session (otherwise the next login does). */
export function bindKeptInviteIfLoggedIn() {
  if (tokenStore.get()) void bindKeptInvite(api)
}

/** h5 dev login as a given openid (remembered for silent re-login). */
export async function loginAs(openid: string): Promise<LoginResult> {
  const result = await api.call('authDev', { body: { openid } })
  tokenStore.set(result.token)
  devIdentity.set(openid)
  onLogin(result)
  return result
}

/** Forgets the session and shows the login page. */
export function logout() {
  tokenStore.clear()
  devIdentity.clear()
  memberCodeCache.clear()
  memberStore.set(null)
  goLogin()
}
