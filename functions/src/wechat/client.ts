import { DomainError } from '../lib/errors'
import type { Clock } from '../lib/ids'
import { logger } from '../lib/logger'

/**
 * The backend's WeChat server-API client: real HTTP against `baseUrl`
 * (https://api.weixin.qq.com on AWS; the local stand-in in development and tests).
 */
export interface WechatClient {
  code2session(code: string): Promise<{ openid: string; unionid?: string }>
  getPhoneNumber(code: string): Promise<{ phoneNumber: string; countryCode: string }>
}

interface WechatReply {
  errcode?: number
  errmsg?: string
}

const INVALID_CODE_ERRORS = new Set([40029, 40163, 40226])
const TOKEN_ERRORS = new Set([40001, 40014, 42001])

export function createWechatClient(opts: {
  baseUrl: string
  appId: string
  appSecret: string
  clock: Clock
  fetch?: typeof fetch
  timeoutMs?: number
}): WechatClient {
  const doFetch = opts.fetch ?? fetch
  const timeoutMs = opts.timeoutMs ?? 5000
  let accessToken: { value: string; expiresAt: number } | undefined

  async function call<T extends WechatReply>(path: string, init?: { body?: unknown; query?: Record<string, string> }): Promise<T> {
    const url = new URL(path, opts.baseUrl)
    for (const [k, v] of Object.entries(init?.query ?? {})) url.searchParams.set(k, v)
    let res: Response
    try {
      res = await doFetch(url, {
        method: init?.body ? 'POST' : 'GET',
        headers: init?.body ? { 'content-type': 'application/json' } : undefined,
        body: init?.body ? JSON.stringify(init.body) : undefined,
        signal: AbortSignal.timeout(timeoutMs),
      })
    } catch (cause) {
      throw new DomainError('wechat.unavailable', '微信服务暂时不可用，请稍后重试', undefined, { cause })
    }
    if (!res.ok) throw new DomainError('wechat.unavailable', '微信服务暂时不可用，请稍后重试', { status: res.status })
    return (await res.json()) as T
  }

  async function getAccessToken(forceRefresh = false): Promise<string> {
    const now = opts.clock().getTime()
    if (!forceRefresh && accessToken && accessToken.expiresAt > now) return accessToken.value
    const reply = await call<WechatReply & { access_token?: string; expires_in?: number }>('/cgi-bin/token', {
      query: { grant_type: 'client_credential', appid: opts.appId, secret: opts.appSecret },
    })
    if (!reply.access_token) {
      logger.error('wechat access token refused', { errcode: reply.errcode, errmsg: reply.errmsg })
      throw new DomainError('wechat.unavailable', '微信服务暂时不可用，请稍后重试')
    }
    // Refresh five minutes early so a token never expires mid-request.
    accessToken = { value: reply.access_token, expiresAt: now + ((reply.expires_in ?? 7200) - 300) * 1000 }
    return accessToken.value
  }

  return {
    async code2session(code) {
      const reply = await call<WechatReply & { openid?: string; unionid?: string }>('/sns/jscode2session', {
        query: { appid: opts.appId, secret: opts.appSecret, js_code: code, grant_type: 'authorization_code' },
      })
      if (reply.openid && !reply.errcode) return { openid: reply.openid, ...(reply.unionid ? { unionid: reply.unionid } : {}) }
      if (reply.errcode && INVALID_CODE_ERRORS.has(reply.errcode)) {
        throw new DomainError('auth.wechat_code_invalid', '微信登录凭证无效或已使用，请重新登录')
      }
      logger.error('wechat code2session failed', { errcode: reply.errcode, errmsg: reply.errmsg })
      throw new DomainError('wechat.unavailable', '微信服务暂时不可用，请稍后重试')
    },

    async getPhoneNumber(code) {
      type PhoneReply = WechatReply & { phone_info?: { purePhoneNumber: string; countryCode: string } }
      const ask = async (force: boolean) =>
        call<PhoneReply>('/wxa/business/getuserphonenumber', {
          query: { access_token: await getAccessToken(force) },
          body: { code },
        })
      let reply = await ask(false)
      if (reply.errcode && TOKEN_ERRORS.has(reply.errcode)) reply = await ask(true)
      if (reply.phone_info && !reply.errcode) {
        return { phoneNumber: reply.phone_info.purePhoneNumber, countryCode: reply.phone_info.countryCode }
      }
      if (reply.errcode && INVALID_CODE_ERRORS.has(reply.errcode)) {
        throw new DomainError('wechat.phone_code_invalid', '手机号授权已失效，请重新授权')
      }
      logger.error('wechat getuserphonenumber failed', { errcode: reply.errcode, errmsg: reply.errmsg })
      throw new DomainError('wechat.unavailable', '微信服务暂时不可用，请稍后重试')
    },
  }
}
