/**
 * A small stand-in for `@tarojs/taro` in jest (jsdom): only the APIs the app uses, each a
 * jest.fn with the shape the real API resolves with. Storage is an in-memory map.
 * Tests set `Taro.request` / `Taro.login` implementations; `resetTaroMock()` clears everything.
 */
import { useEffect } from 'react'

const storage = new Map<string, unknown>()
let pages: { route: string }[] = [{ route: 'pages/index/index' }]

const navigate = (url: string) => {
  pages = [{ route: url.replace(/^\//, '').split('?')[0] }]
  return Promise.resolve({ errMsg: 'ok' })
}

const Taro = {
  request: jest.fn((_options: { url: string; method?: string; data?: unknown; header?: Record<string, string> }) =>
    Promise.reject(new Error('Taro.request not mocked in this test')),
  ),
  login: jest.fn(() => Promise.resolve({ code: 'wx-code', errMsg: 'login:ok' })),
  getStorageSync: jest.fn((key: string) => (storage.has(key) ? storage.get(key) : '')),
  setStorageSync: jest.fn((key: string, value: unknown) => void storage.set(key, value)),
  removeStorageSync: jest.fn((key: string) => void storage.delete(key)),
  showToast: jest.fn(() => Promise.resolve({ errMsg: 'showToast:ok' })),
  showModal: jest.fn(() => Promise.resolve({ confirm: true, cancel: false, errMsg: 'showModal:ok' })),
  reLaunch: jest.fn(({ url }: { url: string }) => navigate(url)),
  redirectTo: jest.fn(({ url }: { url: string }) => navigate(url)),
  switchTab: jest.fn(({ url }: { url: string }) => navigate(url)),
  navigateTo: jest.fn(({ url }: { url: string }) => {
    pages = [...pages, { route: url.replace(/^\//, '').split('?')[0] }]
    return Promise.resolve({ errMsg: 'ok' })
  }),
  getCurrentPages: jest.fn(() => pages),
  getEnv: jest.fn(() => 'WEB'),
  stopPullDownRefresh: jest.fn(),
  setClipboardData: jest.fn((_options: { data: string }) => Promise.resolve({ errMsg: 'setClipboardData:ok' })),
  getScreenBrightness: jest.fn(() => Promise.resolve({ value: 0.4, errMsg: 'getScreenBrightness:ok' })),
  setScreenBrightness: jest.fn((_options: { value: number }) => Promise.resolve({ errMsg: 'setScreenBrightness:ok' })),
  getSystemInfoSync: jest.fn(() => ({ windowWidth: 375 })),
  setKeepScreenOn: jest.fn((_options: { keepScreenOn: boolean }) => Promise.resolve({ errMsg: 'setKeepScreenOn:ok' })),
  scanCode: jest.fn((_options?: { onlyFromCamera?: boolean; scanType?: string[] }): Promise<{ result: string; errMsg: string }> =>
    Promise.reject({ errMsg: 'scanCode:fail cancel' }),
  ),
}

let routerParams: Record<string, string> = {}
/** The current page's query (`?code=…`); set it with `setRouterParams` before rendering. */
export const useRouter = () => ({ params: routerParams, path: `/${pages[pages.length - 1]?.route ?? ''}` })
export function setRouterParams(params: Record<string, string>) {
  routerParams = params
}

/** Page lifecycle hooks run once after mount (jsdom has no page show/hide). */
export const useDidShow = (callback: () => void) => useEffect(() => callback(), [])
export const useLoad = useDidShow

type PageEvent = 'reachBottom' | 'pullDownRefresh' | 'hide' | 'unload'
const pageEvents = new Map<PageEvent, () => unknown>()
/** The page registers its handler; a test fires it with `firePageEvent`. */
export const useReachBottom = (callback: () => unknown) => void pageEvents.set('reachBottom', callback)
export const usePullDownRefresh = (callback: () => unknown) => void pageEvents.set('pullDownRefresh', callback)
export const useDidHide = (callback: () => unknown) => void pageEvents.set('hide', callback)
export const useUnload = (callback: () => unknown) => void pageEvents.set('unload', callback)

let share: (() => unknown) | undefined
/** The page's answer to WeChat's share menu or an `openType='share'` button. */
export const useShareAppMessage = (callback: () => unknown) => void (share = callback)
/** What the page would share now: WeChat asks this when the member shares. */
export const shareAppMessage = () => share?.()

/** What the mini-program does when the user scrolls to the bottom or pulls the page down. */
export async function firePageEvent(event: PageEvent) {
  await pageEvents.get(event)?.()
}

/** Which page the app is on (what `getCurrentPages()` reports last). */
export function setCurrentPage(route: string) {
  pages = [{ route: route.replace(/^\//, '') }]
}

export function resetTaroMock() {
  storage.clear()
  pageEvents.clear()
  share = undefined
  routerParams = {}
  pages = [{ route: 'pages/index/index' }]
  Object.values(Taro).forEach((fn) => fn.mockClear())
  Taro.request.mockImplementation(() => Promise.reject(new Error('Taro.request not mocked in this test')))
  Taro.login.mockImplementation(() => Promise.resolve({ code: 'wx-code', errMsg: 'login:ok' }))
  Taro.showModal.mockImplementation(() => Promise.resolve({ confirm: true, cancel: false, errMsg: 'showModal:ok' }))
  Taro.scanCode.mockImplementation(() => Promise.reject({ errMsg: 'scanCode:fail cancel' }))
}

export default Taro
