import { DomainError } from '../lib/errors'
import type { Clock } from '../lib/ids'
import { logger } from '../lib/logger'
import { createSharedAccessToken, type TokenStore, type TokenTiming } from './access-token'

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
/** The access token was refused: invalid (another one was issued), malformed, or expired. */
const TOKEN_ERRORS = new Set([40001, 40014, 42001])

const unavailable = (details?: unknown, cause?: unknown) =>
  new DomainError('wechat.unavailable', '微信服务暂时不可用，请稍后重试', details, cause === undefined ? undefined : { cause })

export function createWechatClient(opts: {
  baseUrl: string
  appId: string
  appSecret: string
  clock: Clock
  /** The table item every container shares the access token through. */
  store: TokenStore
  tokenTiming?: Partial<TokenTiming>
  fetch?: typeof fetch
  timeoutMs?: number
}): WechatClient {
  const doFetch = opts.fetch ?? fetch
  const timeoutMs = opts.timeoutMs ?? 5000

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
      throw unavailable(undefined, cause)
    }
    if (!res.ok) throw unavailable({ status: res.status })
    return (await res.json()) as T
  }

  const accessToken = createSharedAccessToken({
    store: opts.store, appId: opts.appId, clock: opts.clock, timing: opts.tokenTiming,
    async fetchToken() {
      const reply = await call<WechatReply & { access_token?: string; expires_in?: number }>('/cgi-bin/token', {
        query: { grant_type: 'client_credential', appid: opts.appId, secret: opts.appSecret },
      })
      if (!reply.access_token) {
        logger.error('wechat access token refused', { errcode: reply.errcode, errmsg: reply.errmsg })
        throw unavailable()
      }
      return { value: reply.access_token, expiresInSeconds: reply.expires_in ?? 7200 }
    },
  })

  /** A call that needs the access token; a refused token is replaced once (shared, under the lease) and the call repeated. */
  async function withToken<T extends WechatReply>(path: string, body: unknown): Promise<T> {
    const token = await accessToken.get()
    const reply = await call<T>(path, { query: { access_token: token }, body })
    if (!reply.errcode || !TOKEN_ERRORS.has(reply.errcode)) return reply
    logger.warn('wechat access token refused; refreshing', { errcode: reply.errcode })
    return call<T>(path, { query: { access_token: await accessToken.get(token) }, body })
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
      throw unavailable()
    },

    async getPhoneNumber(code) {
      type PhoneReply = WechatReply & { phone_info?: { purePhoneNumber: string; countryCode: string } }
      const reply = await withToken<PhoneReply>('/wxa/business/getuserphonenumber', { code })
      if (reply.phone_info && !reply.errcode) {
        return { phoneNumber: reply.phone_info.purePhoneNumber, countryCode: reply.phone_info.countryCode }
      }
      if (reply.errcode && INVALID_CODE_ERRORS.has(reply.errcode)) {
        throw new DomainError('wechat.phone_code_invalid', '手机号授权已失效，请重新授权')
      }
      logger.error('wechat getuserphonenumber failed', { errcode: reply.errcode, errmsg: reply.errmsg })
      throw unavailable()
    },
  }
}
