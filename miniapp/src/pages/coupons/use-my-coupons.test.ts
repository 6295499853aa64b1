import { act, renderHook } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { Coupon } from '@siyu/shared/schemas/coupons'
import { resetTaroMock } from '../../../test/taro-mock'
import { useMyCoupons } from './use-my-coupons'

type RequestOptions = { url: string }
type Reply = { statusCode: number; data: unknown }
const request = Taro.request as unknown as jest.Mock<Promise<Reply>, [RequestOptions]>

const coupon = (n: number, status: Coupon['status'] = 'available') => ({ code: `1000000000000000${String(n).padStart(2, '0')}`, status }) as Coupon
const page = (items: Coupon[], nextCursor: string | null = null): Reply => ({ statusCode: 200, data: { items, nextCursor } })
const statusOf = (o: RequestOptions) => new URL(o.url, 'http://x').searchParams.get('status')

function deferred() {
  let resolve!: (reply: Reply) => void
  const promise = new Promise<Reply>((r) => (resolve = r))
  return { promise, resolve }
}

beforeEach(() => {
  resetTaroMock()
  Taro.setStorageSync('siyu.token', 'tok')
})

describe('useMyCoupons', () => {
  it('shows a coupon that moved from held to available between the two requests once', async () => {
    request.mockImplementation((o) => Promise.resolve(statusOf(o) === 'held' ? page([coupon(1, 'held')]) : page([coupon(1), coupon(2)], 'c2')))
    const { result } = renderHook(() => useMyCoupons())
    expect(result.current.status).toBe('idle')
    await act(() => result.current.open())
    expect(result.current.items.map((c) => [c.code.slice(-2), c.status])).toEqual([['01', 'held'], ['02', 'available']])
    expect(result.current.nextCursor).toBe('c2')
  })

  it('drops the answer for a tab the member has already left', async () => {
    request.mockImplementation(() => Promise.resolve(page([])))
    const { result } = renderHook(() => useMyCoupons())
    await act(() => result.current.open())
    const slow = deferred()
    request.mockImplementation((o) => (statusOf(o) === 'used' ? slow.promise : Promise.resolve(page([coupon(9, 'expired')]))))
    await act(async () => result.current.setTab('used'))
    expect(result.current).toMatchObject({ tab: 'used', status: 'loading' })
    await act(async () => result.current.setTab('expired'))
    await act(async () => slow.resolve(page([coupon(5, 'used')])))
    expect(result.current.tab).toBe('expired')
    expect(result.current.items.map((c) => c.status)).toEqual(['expired'])
  })

  it('opening again refreshes with the rows kept on screen, and a failed refresh keeps them', async () => {
    request.mockImplementation(() => Promise.resolve(page([coupon(1)])))
    const { result } = renderHook(() => useMyCoupons())
    await act(() => result.current.open())
    request.mockImplementation(() => Promise.reject(new TypeError('offline')))
    await act(() => result.current.open())
    expect(result.current).toMatchObject({ status: 'ready' })
    expect(result.current.items).toHaveLength(1)
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '网络异常，请稍后重试' }))
  })
})
