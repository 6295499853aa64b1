import { act, fireEvent, render } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { decodeSecret, formatMemberCode, memberCodeAt } from '@siyu/shared/rules/member-code'
import { firePageEvent, resetTaroMock, setCurrentPage } from '../../../test/taro-mock'
import MemberCodePage from './index'

jest.mock('@/components/ui', () => require('../../../test/ui-mock'))

type RequestOptions = { url: string; method?: string }
type Reply = { statusCode: number; data: unknown }
const request = Taro.request as unknown as jest.Mock<Promise<Reply>, [RequestOptions]>

const secretV1 = { shortId: '10000001', secret: 'MTIzNDU2Nzg5MDEyMzQ1Njc4OTA', stepSeconds: 30, version: 1 }
const secretV2 = { ...secretV1, secret: 'c2Vjb25kLXNlY3JldC1vZi10aGUtbWVtYmVy', version: 2 }
const CACHE = 'siyu.memberCode'

/** A clock the test moves; the page ticks with jest's fake timers. */
let nowMs = 0
const clock = () => new Date(nowMs)
const expected = (secret: typeof secretV1, ms = nowMs) => formatMemberCode(memberCodeAt(secret.shortId, decodeSecret(secret.secret), new Date(ms), 30))

const ok = (data: unknown): Promise<Reply> => Promise.resolve({ statusCode: 200, data })
const offline = (): Promise<Reply> => Promise.reject(new TypeError('Failed to fetch'))

function serve(get: () => Promise<Reply>, rotate: () => Promise<Reply> = () => ok(secretV2)) {
  request.mockImplementation((o) => {
    if (o.url.endsWith('/v1/me/member-code')) return get()
    if (o.url.endsWith('/v1/me/member-code/rotate')) return rotate()
    return Promise.reject(new Error(`unexpected ${o.url}`))
  })
}

async function renderPage() {
  const view = render(<MemberCodePage clock={clock} />)
  await act(async () => {})
  return view
}

async function tick(seconds: number) {
  await act(async () => {
    nowMs += seconds * 1000
    jest.advanceTimersByTime(seconds * 1000)
  })
}

const digits = (root: Element) => root.querySelector('.member-code-digits')?.textContent
const countdown = (root: Element) => root.querySelector('.member-code-countdown')?.textContent

const originalEnv = process.env.TARO_ENV
beforeEach(() => {
  jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick'] })
  resetTaroMock()
  setCurrentPage('pages/member-code/index')
  Taro.setStorageSync('siyu.token', 'tok')
  nowMs = Date.UTC(2026, 10, 25, 8, 0, 28) // two seconds before a step boundary
})
afterEach(() => {
  jest.useRealTimers()
  process.env.TARO_ENV = originalEnv
})

describe('member code page', () => {
  it('shows the code of the current step and a new one at the next step', async () => {
    serve(() => ok(secretV1))
    const { container } = await renderPage()
    const first = digits(container)
    expect(first).toBe(expected(secretV1))
    expect(first).toMatch(/^\d{4} \d{4} \d{3} \d{3}$/)
    expect(countdown(container)).toBe('2 秒后自动更新')
    await tick(1)
    expect(digits(container)).toBe(first)
    expect(countdown(container)).toBe('1 秒后自动更新')
    await tick(1)
    expect(digits(container)).not.toBe(first)
    expect(digits(container)).toBe(expected(secretV1))
    expect(countdown(container)).toBe('30 秒后自动更新')
    expect(container.querySelectorAll('.member-code-qr .scan-code__mark').length).toBeGreaterThan(20)
    expect(container.querySelectorAll('.member-code-barcode .scan-code__mark')).toHaveLength(3 + 7 * 3 + 3 + 4) // start, seven pairs, checksum: 3 bars each; stop: 4
    expect(container.querySelector('.member-code-offline')).toBeNull()
  })

  it('keeps showing codes from the cached secret without network, marked offline', async () => {
    Taro.setStorageSync(CACHE, secretV1)
    serve(offline)
    const { container } = await renderPage()
    expect(digits(container)).toBe(expected(secretV1))
    expect(container.querySelector('.member-code-offline')?.textContent).toBe('离线')
    await tick(30)
    expect(digits(container)).toBe(expected(secretV1))
    expect(Taro.showToast).not.toHaveBeenCalled()
  })

  it('replaces a cached secret with the server one (rotated on another phone)', async () => {
    Taro.setStorageSync(CACHE, secretV1)
    serve(() => ok(secretV2))
    const { container } = await renderPage()
    expect(digits(container)).toBe(expected(secretV2))
    expect(Taro.getStorageSync(CACHE)).toEqual(secretV2)
  })

  it('without a cached secret and without network, explains and retries', async () => {
    let online = false
    serve(() => (online ? ok(secretV1) : offline()))
    const { container } = await renderPage()
    expect(container.querySelector('.member-code-error')?.textContent).toContain('会员码暂时无法加载：网络异常，请稍后重试')
    online = true
    await act(async () => {
      fireEvent.click(container.querySelector('.member-code-retry')!)
    })
    expect(digits(container)).toBe(expected(secretV1))
    expect(Taro.getStorageSync(CACHE)).toEqual(secretV1)
  })

  it('changes the member code only after confirmation, and caches the new secret', async () => {
    serve(() => ok(secretV1))
    const { container } = await renderPage()
    const rotations = () => request.mock.calls.filter(([o]) => o.url.endsWith('/rotate'))
    ;(Taro.showModal as jest.Mock).mockResolvedValueOnce({ confirm: false, cancel: true })
    await act(async () => {
      fireEvent.click(container.querySelector('.member-code-rotate')!)
    })
    expect(rotations()).toHaveLength(0)
    await act(async () => {
      fireEvent.click(container.querySelector('.member-code-rotate')!)
    })
    expect(rotations()).toHaveLength(1)
    expect(digits(container)).toBe(expected(secretV2))
    expect(Taro.getStorageSync(CACHE)).toEqual(secretV2)
  })

  it('weapp: raises the screen brightness and keeps the screen on while shown, and restores both on hide', async () => {
    process.env.TARO_ENV = 'weapp'
    serve(() => ok(secretV1))
    await renderPage()
    expect(Taro.setScreenBrightness).toHaveBeenLastCalledWith({ value: 1 })
    expect(Taro.setKeepScreenOn).toHaveBeenLastCalledWith({ keepScreenOn: true })
    await act(() => firePageEvent('hide'))
    expect(Taro.setScreenBrightness).toHaveBeenLastCalledWith({ value: 0.4 })
    expect(Taro.setKeepScreenOn).toHaveBeenLastCalledWith({ keepScreenOn: false })
    await act(() => firePageEvent('unload'))
    expect(Taro.setScreenBrightness).toHaveBeenCalledTimes(2)
  })

  it('h5: leaves the brightness alone', async () => {
    process.env.TARO_ENV = 'h5'
    serve(() => ok(secretV1))
    await renderPage()
    expect(Taro.getScreenBrightness).not.toHaveBeenCalled()
    expect(Taro.setScreenBrightness).not.toHaveBeenCalled()
    expect(Taro.setKeepScreenOn).not.toHaveBeenCalled()
  })
})
