import Taro from '@tarojs/taro'
import { ApiError, ClientCode, messageFor } from '@/api/errors'

/** Errors the app answers by navigating (to login or consent) rather than with a toast. */
const NAVIGATES: ReadonlySet<string> = new Set([ClientCode.loginRequired, 'member.consent_required'])

export function showError(err: unknown) {
  if (err instanceof ApiError && NAVIGATES.has(err.code)) return
  void Taro.showToast({ title: messageFor(err), icon: 'none', duration: 2500 })
}

export function showSuccess(title: string) {
  void Taro.showToast({ title, icon: 'success', duration: 1500 })
}

/** A toast without an icon: WeChat cuts a success toast's title after 7 characters, this one wraps. */
export function showNotice(title: string) {
  void Taro.showToast({ title, icon: 'none', duration: 2000 })
}
