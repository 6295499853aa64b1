import { act, fireEvent, render } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { Coupon } from '@siyu/shared/schemas/coupons'
import { firePageEvent, resetTaroMock, setCurrentPage, setRouterParams } from '../../../test/taro-mock'
import CouponDetailPage from './index'

jest.mock('@/components/ui', () => require('../../../test/ui-mock'))

type RequestOptions = { url: string; method?: string }
type Reply = { statusCode: number; data: unknown }
const request = Taro.request as unknown as jest.Mock<Promise<Reply>, [RequestOptions]>

const CODE = '123456789012345678'
const coupon = (over: Partial<Coupon> = {}): Coupon => ({
  code: CODE, templateId: 'ct_threshold0001', memberId: 'm_0123456789' as Coupon['memberId'], title: '思域 满100减20',
  ruleText: '满 100 元减 20 元', benefit: { kind: 'threshold', thresholdFen: 10000, amountOffFen: 2000 }, stores: 'all', status: 'available',
  validFrom: '2026-11-24T02:00:00.000Z', validTo: '2026-11-30T16:00:00.000Z', lastDay: '2026-11-30', claimedAt: '2026-11-24T02:00:00.000Z', usedAt: null,
  ...over,
})

const ok = (data: unknown): Promise<Reply> => Promise.resolve({ statusCode: 200, data })
const refuse = (statusCode: number, code: string, message: string): Promise<Reply> => Promise.resolve({ statusCode, data: { error: { code, message } } })

function serve(reply: () => Promise<Reply>) {
  request.mockImplementation((o) => (new URL(o.url, 'http://x').pathname === `/v1/me/coupons/${CODE}` ? reply() : Promise.reject(new Error(`unexpected ${o.url}`))))
}

// 2026-11-25 14:00 in Shanghai: the coupon's last day is in five days.
const clock = () => new Date('2026-11-25T06:00:00.000Z')

async function renderPage(code = CODE) {
  setRouterParams({ code })
  const view = render(<CouponDetailPage clock={clock} />)
  await act(async () => {})
  return view
}

const text = (root: Element, selector: string) => root.querySelector(selector)?.textContent
const row = (root: Element, key: string) => text(root, `.coupon-detail-row--${key} .coupon-detail-row__value`)

beforeEach(() => {
  resetTaroMock()
  setCurrentPage('pages/coupon-detail/index')
  Taro.setStorageSync('siyu.token', 'tok')
})

describe('coupon detail', () => {
  it('shows a usable coupon with its rule, barcode, QR code and grouped digits for the till', async () => {
    serve(() => ok(coupon()))
    const { container } = await renderPage()
    expect(text(container, '.coupon-detail-title')).toBe('思域 满100减20')
    expect(text(container, '.coupon-detail-rule')).toBe('满 100 元减 20 元')
    expect(text(container, '.coupon-detail-status')).toBe('可使用')
    expect(text(container, '.coupon-detail-scan__hint')).toBe('结账时向店员出示此券码')
    expect(text(container, '.coupon-detail-code')).toBe('1234 5678 9012 3456 78')
    expect(container.querySelectorAll('.coupon-detail-barcode .scan-code__mark').length).toBeGreaterThan(20)
    expect(container.querySelectorAll('.coupon-detail-qr .scan-code__mark').length).toBeGreaterThan(20)
    expect(row(container, 'validity')).toBe('2026-11-24 至 2026-11-30')
    expect(row(container, 'last-day')).toBe('2026-11-30（还剩 6 天）')
    expect(row(container, 'stores')).toBe('全部门店')
    expect(row(container, 'claimed')).toBe('2026-11-24 10:00')
    expect(container.querySelector('.coupon-detail-row--used')).toBeNull()
  })

  it('narrows the barcode to fit a 320 px phone', async () => {
    ;(Taro.getSystemInfoSync as jest.Mock).mockReturnValue({ windowWidth: 320 })
    try {
      serve(() => ok(coupon()))
      const { container } = await renderPage()
      const width = parseFloat(container.querySelector<HTMLElement>('.coupon-detail-barcode')!.style.width)
      expect(width).toBeLessThanOrEqual(320 - 64)
      expect(width).toBeGreaterThan(200)
    } finally {
      ;(Taro.getSystemInfoSync as jest.Mock).mockReturnValue({ windowWidth: 375 })
    }
  })

  it('keeps the code of a coupon held at a till, and says it is in use', async () => {
    serve(() => ok(coupon({ status: 'held' })))
    const { container } = await renderPage()
    expect(text(container, '.coupon-detail-status')).toBe('使用中')
    expect(text(container, '.coupon-detail-scan__hint')).toBe('此券正在门店结账中使用，请等待店员完成')
    expect(text(container, '.coupon-detail-code')).toBe('1234 5678 9012 3456 78')
  })

  it.each([
    ['used', { status: 'used', usedAt: '2026-11-25T03:12:00.000Z' }, '已使用', '此券已于 2026-11-25 11:12 使用'],
    ['expired', { status: 'expired' }, '已过期', '此券已于 2026-11-30 过期'],
  ] as const)('shows a %s coupon with why, and no code a till could scan', async (_, over, status, why) => {
    serve(() => ok(coupon(over)))
    const { container } = await renderPage()
    expect(text(container, '.coupon-detail-status')).toBe(status)
    expect(text(container, '.coupon-detail-unusable')).toBe(why)
    expect(container.querySelector('.coupon-detail-code')).toBeNull()
    expect(container.querySelector('.scan-code')).toBeNull()
    expect(row(container, 'last-day')).toBe('2026-11-30')
  })

  it('lists when a used coupon was used', async () => {
    serve(() => ok(coupon({ status: 'used', usedAt: '2026-11-25T03:12:00.000Z' })))
    const { container } = await renderPage()
    expect(row(container, 'used')).toBe('2026-11-25 11:12')
  })

  it('never asks the API about a malformed code from a link', async () => {
    serve(() => ok(coupon()))
    const { container } = await renderPage('12345')
    expect(request).not.toHaveBeenCalled()
    expect(text(container, '.coupon-detail-error__text')).toBe('优惠券加载失败：券码无效')
  })

  it('explains a coupon that is not there, and retries', async () => {
    let reply = () => refuse(404, 'coupon.not_found', '优惠券不存在')
    serve(() => reply())
    const { container } = await renderPage()
    expect(text(container, '.coupon-detail-error__text')).toBe('优惠券加载失败：优惠券不存在')
    reply = () => ok(coupon())
    await act(async () => {
      fireEvent.click(container.querySelector('.coupon-detail-retry')!)
    })
    expect(text(container, '.coupon-detail-code')).toBe('1234 5678 9012 3456 78')
  })

  it('shows the coupon used at the till after a pull-down', async () => {
    let current = coupon()
    serve(() => ok(current))
    const { container } = await renderPage()
    current = coupon({ status: 'used', usedAt: '2026-11-25T06:01:00.000Z' })
    await act(() => firePageEvent('pullDownRefresh'))
    expect(text(container, '.coupon-detail-status')).toBe('已使用')
    expect(container.querySelector('.scan-code')).toBeNull()
    expect(Taro.stopPullDownRefresh).toHaveBeenCalledTimes(1)
  })
})
