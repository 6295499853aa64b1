import Taro from '@tarojs/taro'
import { routes, type RouteName } from '@siyu/shared/api/routes'
import type { ApiTypes, Contract } from '@siyu/shared/api/contract'
import { ApiError, ClientCode, errorFromResponse, networkError } from './errors'
import type { StoredValue } from './session'

type Defined<T> = { [P in keyof T as T[P] extends undefined ? never : P]: T[P] }

/** The request headers a route's contract declares (e.g. `Idempotency-Key`); never for other routes. */
type HeaderName<K extends RouteName> = Contract[K] extends { headers: readonly (infer H)[] } ? (H extends { name: infer N extends string } ? N : never) : never
type HeadersOf<K extends RouteName> = [HeaderName<K>] extends [never] ? { headers?: never } : { headers?: Partial<Record<HeaderName<K>, string>> }

/** What a route takes: only the parts (body, query, params, headers) its contract declares. */
export type CallInput<K extends RouteName> = Defined<Pick<ApiTypes[K], 'body' | 'query' | 'params'>> & HeadersOf<K>
/** The input argument is optional for routes that take nothing. */
type CallArgs<K extends RouteName> = {} extends CallInput<K> ? [input?: CallInput<K>] : [input: CallInput<K>]
export type ApiResponse<K extends RouteName> = ApiTypes[K]['response']
export type LoginResult = ApiResponse<'authDev'>


export interface ClientOptions {
  baseUrl: string
  tokens: StoredValue
  /** Logs in without the user (WeChat code, or the last dev openid); null if the user must log in by hand. */
  login: () => Promise<LoginResult | null>
  onLogin?: (result: LoginResult) => void
  onLoginRequired?: () => void
  onConsentRequired?: () => void
  timeoutMs?: number
}

/** Fills `{name}` placeholders of a route path. */
export function buildPath(template: string, params?: object): string {
  const values = (params ?? {}) as Record<string, unknown>
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = values[key]
    if (value === undefined || value === null || value === '') throw new Error(`Missing path parameter "${key}" for ${template}`)
    return encodeURIComponent(String(value))
  })
}

/** `?a=1&b=x%20y`, skipping undefined/null; arrays repeat the key. */
export function buildQuery(query?: object): string {
  const parts = Object.entries(query ?? {})
    .filter(([, value]) => value !== undefined && value !== null)
    .flatMap(([key, value]) => (Array.isArray(value) ? value : [value]).map((item) => `${encodeURIComponent(key)}=${encodeURIComponent(String(item))}`))
  return parts.length ? `?${parts.join('&')}` : ''
}

/** A call's input as sent, whatever the route. */
type Parts = { body?: unknown; query?: object; params?: object; headers?: Record<string, string | undefined> }

export function createApiClient(options: ClientOptions) {
  let pendingLogin: Promise<string | null> | null = null

  /** One login at a time: concurrent 401s share it. */
  function login(): Promise<string | null> {
    pendingLogin ??= options
      .login()
      .then((result) => {
        if (!result) return null
        options.tokens.set(result.token)
        options.onLogin?.(result)
        return result.token
      })
      .finally(() => {
        pendingLogin = null
      })
    return pendingLogin
  }

  /** A token other than the one that just failed: renewed by someone else meanwhile, or a new login. */
  function renew(stale: string): Promise<string | null> {
    const current = options.tokens.get()
    if (current && current !== stale) return Promise.resolve(current)
    options.tokens.clear()
    return login()
  }

  function loginRequired(): ApiError {
    options.onLoginRequired?.()
    return new ApiError(ClientCode.loginRequired, '请先登录', 401)
  }

  /** The route's declared headers, without unset ones; the client's own headers always win. */
  function headersOf(input: Parts, token: string | null): Record<string, string> {
    const extra = Object.fromEntries(Object.entries(input.headers ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string'))
    return { ...extra, 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }
  }

  async function send(name: RouteName, input: Parts, token: string | null) {
    const route = routes[name]
    try {
      return await Taro.request({
        url: `${options.baseUrl}${buildPath(route.path, input.params)}${buildQuery(input.query)}`,
        // wx.request cannot send PATCH; the API serves every PATCH route as POST too.
        method: (route.method === 'PATCH' ? 'POST' : route.method) as keyof Taro.request.Method,
        data: input.body as Record<string, unknown> | undefined,
        header: headersOf(input, token),
        dataType: 'json',
        timeout: options.timeoutMs ?? 15_000,
      })
    } catch (err) {
      throw networkError(err)
    }
  }

  /** Calls a route; on a 401 logs in again once and retries (same headers: same idempotency key). Throws ApiError. */
  async function call<K extends RouteName>(name: K, ...[input]: CallArgs<K>): Promise<ApiResponse<K>> {
    const parts = (input ?? {}) as Parts
    const route = routes[name]
    const isPublic = 'public' in route && route.public
    let token: string | null = null
    let fresh = false
    if (!isPublic) {
      token = options.tokens.get()
      if (!token) [token, fresh] = [await login(), true]
      if (!token) throw loginRequired()
    }
    let res = await send(name, parts, token)
    if (res.statusCode === 401 && token && !fresh) {
      token = await renew(token)
      if (!token) throw loginRequired()
      res = await send(name, parts, token)
    }
    if (res.statusCode >= 200 && res.statusCode < 300) return res.data as ApiResponse<K>
    const error = errorFromResponse(res.statusCode, res.data)
    if (error.code === 'member.consent_required') options.onConsentRequired?.()
    throw error
  }

  return { call }
}

export type ApiClient = ReturnType<typeof createApiClient>
