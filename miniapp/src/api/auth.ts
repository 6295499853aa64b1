import Taro from '@tarojs/taro'
import type { ApiClient, LoginResult } from './client'
import { ApiError, ClientCode } from './errors'
import { devIdentity } from './session'

/**
 * Logs in without asking the user: in WeChat with a `Taro.login` code; on h5 (no WeChat) with
 * the openid last used on the login page, or not at all (null) when there is none.
 */
export async function silentLogin(api: ApiClient): Promise<LoginResult | null> {
  if (process.env.TARO_ENV === 'h5') {
    const openid = devIdentity.get()
    return openid ? api.call('authDev', { body: { openid } }) : null
  }
  let code: string | undefined
  try {
    code = (await Taro.login()).code
  } catch (cause) {
    throw new ApiError(ClientCode.wechatLogin, '微信登录失败，请稍后重试', 0, undefined, { cause })
  }
  if (!code) throw new ApiError(ClientCode.wechatLogin, '微信登录失败，请稍后重试', 0)
  return api.call('authWechat', { body: { code } })
}
