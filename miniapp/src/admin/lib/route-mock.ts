/**
 * Tests only (never imported by a page): answers `Taro.request` by route name, the way the API
 * would, and records every call with its params, query, body and headers. Console page tests
 * use it instead of matching URLs by hand.
 */
import Taro from '@tarojs/taro'
import { routes, type RouteName } from '@siyu/shared/api/routes'
import type { ConsoleOperator } from '@siyu/shared/schemas/console'
import { forgetOperator } from './use-operator'

export interface SeenCall {
  name: RouteName
  params: Record<string, string>
  query: Record<string, string>
  body: unknown
  headers: Record<string, string>
}

/** An error answer: `fail(500)`, `fail(409, 'coupon.x', '…')`. */
export class Failure {
  constructor(readonly status: number, readonly code = 'internal', readonly message = '服务暂时不可用') {}
}
export const fail = (status: number, code?: string, message?: string) => new Failure(status, code, message)

type Handler = (call: SeenCall) => unknown
type Reply = { statusCode: number; data: unknown }

const matchers = (Object.entries(routes) as [RouteName, { method: string; path: string }][]).map(([name, r]) => {
  const keys: string[] = []
  const pattern = new RegExp(`^${r.path.replace(/\{(\w+)\}/g, (_, k: string) => (keys.push(k), '([^/]+)'))}$`)
  // The client sends PATCH as POST (wx.request has no PATCH).
  return { name, method: r.method === 'PATCH' ? 'POST' : r.method, pattern, keys }
})

function routeOf(method: string, path: string): { name: RouteName; params: Record<string, string> } | undefined {
  for (const m of matchers) {
    const hit = m.method === method ? m.pattern.exec(path) : null
    if (hit) return { name: m.name, params: Object.fromEntries(m.keys.map((k, i) => [k, decodeURIComponent(hit[i + 1])])) }
  }
  return undefined
}

const request = Taro.request as unknown as jest.Mock<Promise<Reply>, [{ url: string; method?: string; data?: unknown; header?: Record<string, string> }]>

/** Serves the given routes (anything else rejects); a handler may return data, a Failure, or a promise of either. */
export function serveRoutes(handlers: Partial<Record<RouteName, Handler>>) {
  const calls: SeenCall[] = []
  request.mockImplementation(async (o) => {
    const url = new URL(o.url, 'http://x')
    const route = routeOf(o.method ?? 'GET', url.pathname)
    const handler = route && handlers[route.name]
    if (!route || !handler) throw new Error(`unexpected ${o.method} ${o.url}`)
    const call: SeenCall = { ...route, query: Object.fromEntries(url.searchParams), body: o.data, headers: o.header ?? {} }
    calls.push(call)
    const out = await handler(call)
    if (out instanceof Failure) return { statusCode: out.status, data: { error: { code: out.code, message: out.message } } }
    return { statusCode: 200, data: out }
  })
  return { calls, of: (name: RouteName) => calls.filter((c) => c.name === name) }
}

/** A promise that never settles: the page stays on its loading state. */
export const never = () => new Promise<never>(() => {})

export const adminOperator: ConsoleOperator = { operator: { id: 'm_admin000001', name: '运营小李', phone: '139****0001' }, role: 'admin', store: null }
export const managerOperator: ConsoleOperator = {
  operator: { id: 'm_manager0001', name: '王店长', phone: '138****0002' },
  role: 'manager',
  store: { id: 'store-1', name: '静安店' },
}

/** Every console test starts logged in, with no operator remembered from the last test. */
export function resetConsole() {
  forgetOperator()
  Taro.setStorageSync('siyu.token', 'tok')
}
