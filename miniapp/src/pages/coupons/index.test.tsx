import { act, fireEvent, render } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { ClaimBlocker, Coupon, CouponTemplate } from '@siyu/shared/schemas/coupons'
import { firePageEvent, resetTaroMock, setCurrentPage } from '../../../test/taro-mock'
import CouponsPage from './index'

jest.mock('@/components/ui', () => require('../../../test/ui-mock'))

type RequestOptions = { url: string; method?: string; data?: unknown; header?: Record<string, string> }
type Reply = { statusCode: number; data: unknown }
const request = Taro.request as unknown as jest.Mock<Promise<Reply>, [RequestOptions]>

const at = '2026-10-25T00:00:00.000Z'
const template = (id: string, title: string, over: Partial<CouponTemplate> = {}): CouponTemplate => ({
  id, title, description: '', benefit: { kind: 'threshold', thresholdFen: 10000, amountOffFen: 2000 }, stores: 'all',
  validity: { type: 'days', days: 7 }, totalStock: 100, perMemberLimit: 1, channel: { type: 'public' }, paused: false,
  returnOnRefund: true, shards: 4, ruleText: '满 100 元减 20 元', createdAt: at, updatedAt: at, ...over,
})
const entry = (t: CouponTemplate, blocker: ClaimBlocker | null, remaining = 80, claimedByMe = 0) => ({ template: t, remaining, claimedByMe, blocker })

const threshold = template('ct_threshold0001', '思域 满100减20')
const newcomer = template('ct_newcomer00001', '新人 9 折券', { benefit: { kind: 'percent', percentOff: 10, capFen: 3000 }, ruleText: '9 折，最多减 30 元', validity: { type: 'days', days: 30 }, totalStock: 500 })
const pointsTen = template('ct_points0000001', '积分兑 10 元券', { benefit: { kind: 'fixed', amountOffFen: 1000 }, ruleText: '立减 10 元', totalStock: 50, perMemberLimit: 2, channel: { type: 'points', pricePoints: 100 } })
const latte = template('ct_latte00000001', '限量拿铁兑换券', { benefit: { kind: 'gift', giftName: '拿铁' }, ruleText: '兑换 拿铁 一份', totalStock: 1, stores: ['store-1'] })
const autumn = template('ct_autumn0000001', '秋季预售券', { validity: { type: 'window', from: '2026-12-01T00:00:00.000Z', to: '2026-12-31T16:00:00.000Z' } })

const center = (items: ReturnType<typeof entry>[]) => ({ items })
const startList = center([entry(threshold, null, 12), entry(newcomer, 'limit_reached', 400, 1), entry(pointsTen, null, 40), entry(latte, 'sold_out', 0), entry(autumn, 'not_started', 100)])

const coupon = (n: number, over: Partial<Coupon> = {}): Coupon => ({
  code: `1000000000000000${String(n).padStart(2, '0')}`, templateId: threshold.id, memberId: 'm_0123456789' as Coupon['memberId'], title: '思域 满100减20',
  ruleText: '满 100 元减 20 元', benefit: threshold.benefit, stores: 'all', status: 'available', validFrom: at,
  validTo: '2026-11-30T16:00:00.000Z', lastDay: '2026-11-30', claimedAt: at, usedAt: null, ...over,
})

const ok = (data: unknown): Promise<Reply> => Promise.resolve({ statusCode: 200, data })
const refuse = (statusCode: number, code: string, message: string): Promise<Reply> => Promise.resolve({ statusCode, data: { error: { code, message } } })
const offline = (): Promise<Reply> => Promise.reject(new TypeError('Failed to fetch'))
const member = { id: 'm_0123456789', nickname: '小思', needsConsent: false }

interface Api {
  list?: () => Promise<Reply>
  claim?: (o: RequestOptions) => Promise<Reply>
  exchange?: (o: RequestOptions) => Promise<Reply>
  points?: () => Promise<Reply>
  coupons?: (q: URLSearchParams) => Promise<Reply>
}

function serve(api: Api = {}) {
  request.mockImplementation((o) => {
    const url = new URL(o.url, 'http://x')
    if (url.pathname === '/v1/me') return ok(member)
    if (url.pathname === '/v1/me/points') return (api.points ?? (() => ok({ available: 530 })))()
    if (url.pathname === '/v1/coupon-templates') return (api.list ?? (() => ok(startList)))()
    if (url.pathname.endsWith('/claim')) return (api.claim ?? (() => ok({ coupon: coupon(1), replayed: false })))(o)
    if (url.pathname.endsWith('/exchange')) return (api.exchange ?? (() => ok({ coupon: coupon(2), replayed: false })))(o)
    if (url.pathname === '/v1/me/coupons') return (api.coupons ?? (() => ok({ items: [], nextCursor: null })))(url.searchParams)
    return Promise.reject(new Error(`unexpected ${o.url}`))
  })
}

async function renderPage() {
  const view = render(<CouponsPage />)
  await act(async () => {})
  return view
}

async function tap(el: Element | null) {
  if (!el) throw new Error('nothing to tap')
  await act(async () => {
    fireEvent.click(el)
  })
}

const card = (root: Element, title: string) =>
  Array.from(root.querySelectorAll('.coupon-card')).find((c) => c.querySelector('.coupon-card-title')?.textContent === title) ?? null
const action = (root: Element, title: string) => card(root, title)?.querySelector<HTMLButtonElement>('.coupon-card-action') ?? null
const calls = (suffix: string) => request.mock.calls.filter(([o]) => new URL(o.url, 'http://x').pathname.endsWith(suffix))
const couponQueries = () => calls('/v1/me/coupons').map(([o]) => Object.fromEntries(new URL(o.url, 'http://x').searchParams))
const lastToast = () => (Taro.showToast as jest.Mock).mock.calls.at(-1)?.[0]
const texts = (root: Element, selector: string) => Array.from(root.querySelectorAll(selector), (e) => e.textContent)

beforeEach(() => {
  resetTaroMock()
  setCurrentPage('pages/coupons/index')
  Taro.setStorageSync('siyu.token', 'tok')
})

describe('coupon center', () => {
  it('shows each template with its rule, validity and a button that follows its blocker', async () => {
    serve()
    const { container } = await renderPage()
    const state = (title: string) => ({ label: action(container, title)?.textContent, disabled: action(container, title)?.disabled })
    expect(state('思域 满100减20')).toEqual({ label: '立即领取', disabled: false })
    expect(state('新人 9 折券')).toEqual({ label: '已领取', disabled: true })
    expect(state('积分兑 10 元券')).toEqual({ label: '100 积分兑换', disabled: false })
    expect(state('限量拿铁兑换券')).toEqual({ label: '已抢光', disabled: true })
    expect(state('秋季预售券')).toEqual({ label: '未开始', disabled: true })

    const first = card(container, '思域 满100减20')!
    expect(first.querySelector('.coupon-card-rule')?.textContent).toBe('满 100 元减 20 元')
    expect(first.querySelector('.coupon-card-validity')?.textContent).toBe('领取后 7 天内有效')
    expect(first.querySelector('.coupon-card-hint')?.textContent).toBe('仅剩 12 张')
    expect(first.querySelector('.coupon-face')?.textContent).toBe('¥20满 100 元可用')
    expect(card(container, '秋季预售券')?.querySelector('.coupon-card-validity')?.textContent).toBe('2026-12-01 至 2026-12-31')
    expect(card(container, '限量拿铁兑换券')?.querySelector('.coupon-card-stores')?.textContent).toBe('适用门店：store-1')
    expect(card(container, '积分兑 10 元券')?.querySelector('.coupon-card-hint')?.textContent).toBe('')
    // The server's order, with what no one can get any more last.
    expect(texts(container, '.coupon-card-title')).toEqual(['思域 满100减20', '新人 9 折券', '积分兑 10 元券', '秋季预售券', '限量拿铁兑换券'])
    // A disabled button comes with its reason.
    const hint = (title: string) => card(container, title)?.querySelector('.coupon-card-hint')?.textContent
    expect(hint('新人 9 折券')).toBe('每人限领 1 张，您已领满')
    expect(hint('限量拿铁兑换券')).toBe('本券已全部领完')
    expect(hint('秋季预售券')).toBe('2026-12-01 08:00 开始领取')
    // Points buy coupons here, so the balance is shown.
    expect(container.querySelector('.coupon-center-points')?.textContent).toBe('530')
  })

  it('claims with a fresh Idempotency-Key, says so, and shows the button as 已领取', async () => {
    let claimed = false
    serve({
      list: () => ok(center([entry(threshold, claimed ? 'limit_reached' : null, claimed ? 11 : 12, claimed ? 1 : 0)])),
      claim: () => ((claimed = true), ok({ coupon: coupon(1), replayed: false })),
    })
    const { container } = await renderPage()
    await tap(action(container, '思域 满100减20'))
    const [[sent]] = calls('/claim')
    expect(sent).toMatchObject({ url: `/v1/coupon-templates/${threshold.id}/claim`, method: 'POST' })
    expect(sent.header?.['Idempotency-Key']).toMatch(/^[A-Za-z0-9_-]{8,64}$/)
    expect(lastToast()).toMatchObject({ title: '领取成功', icon: 'success' })
    expect(action(container, '思域 满100减20')).toMatchObject({ textContent: '已领取', disabled: true })
    expect(Taro.showModal).not.toHaveBeenCalled()
  })

  it('uses a new key for a new tap, and the same key when an unanswered request is retried', async () => {
    jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick'] })
    try {
      const replies = [offline, () => ok({ coupon: coupon(1), replayed: true }), () => ok({ coupon: coupon(3), replayed: false })]
      serve({ list: () => ok(center([entry({ ...threshold, perMemberLimit: 3 }, null)])), claim: () => replies.shift()!() })
      const { container } = await renderPage()
      await tap(action(container, '思域 满100减20'))
      await act(() => jest.advanceTimersByTimeAsync(1000))
      await tap(action(container, '思域 满100减20'))
      const keys = calls('/claim').map(([o]) => o.header?.['Idempotency-Key'])
      expect(keys).toHaveLength(3)
      expect(keys[1]).toBe(keys[0])
      expect(keys[2]).not.toBe(keys[0])
    } finally {
      jest.useRealTimers()
    }
  })

  it('tells a member who came too late, and reloads the list so the button says 已抢光', async () => {
    let soldOut = false
    serve({
      list: () => ok(center([entry(threshold, soldOut ? 'sold_out' : null, soldOut ? 0 : 1)])),
      claim: () => ((soldOut = true), refuse(409, 'coupon.sold_out', '已抢光')),
    })
    const { container } = await renderPage()
    await tap(action(container, '思域 满100减20'))
    expect(lastToast()).toMatchObject({ title: '已抢光', icon: 'none' })
    expect(action(container, '思域 满100减20')).toMatchObject({ textContent: '已抢光', disabled: true })
    expect(calls('/claim')).toHaveLength(1)
  })

  it('explains a refusal without a message in Chinese', async () => {
    serve({ claim: () => Promise.resolve({ statusCode: 409, data: { error: { code: 'coupon.limit_reached' } } }) })
    const { container } = await renderPage()
    await tap(action(container, '思域 满100减20'))
    expect(lastToast()).toMatchObject({ title: '已达到每人领取上限', icon: 'none' })
  })

  it('sends nothing for an exchange the member does not confirm', async () => {
    serve()
    const { container } = await renderPage()
    ;(Taro.showModal as jest.Mock).mockResolvedValueOnce({ confirm: false, cancel: true })
    await tap(action(container, '积分兑 10 元券'))
    expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ content: '确认使用 100 积分兑换「积分兑 10 元券」？' }))
    expect(calls('/exchange')).toHaveLength(0)
    expect(Taro.showToast).not.toHaveBeenCalled()
  })

  it('exchanges after confirmation with an Idempotency-Key, then shows the lower balance', async () => {
    let balance = 530
    serve({ points: () => ok({ available: balance }), exchange: () => ((balance -= 100), ok({ coupon: coupon(2), replayed: false })) })
    const { container } = await renderPage()
    await tap(action(container, '积分兑 10 元券'))
    const [[sent]] = calls('/exchange')
    expect(sent).toMatchObject({ url: `/v1/coupon-templates/${pointsTen.id}/exchange`, method: 'POST' })
    expect(sent.header?.['Idempotency-Key']).toMatch(/^[A-Za-z0-9_-]{8,64}$/)
    expect(calls('/claim')).toHaveLength(0)
    expect(lastToast()).toMatchObject({ title: '兑换成功' })
    expect(container.querySelector('.coupon-center-points')?.textContent).toBe('430')
  })

  it('reports insufficient points and refreshes the balance shown', async () => {
    serve({ exchange: () => refuse(409, 'points.insufficient', '积分不足：可用 30，需要 100') })
    const { container } = await renderPage()
    const before = calls('/v1/me/points').length
    await tap(action(container, '积分兑 10 元券'))
    expect(lastToast()).toMatchObject({ title: '积分不足：可用 30，需要 100', icon: 'none' })
    expect(calls('/v1/me/points').length).toBe(before + 1)
  })

  it('shows an empty center, and a failed one with a retry', async () => {
    let reply = () => refuse(500, 'internal', 'boom')
    serve({ list: () => reply() })
    const { container } = await renderPage()
    expect(container.querySelector('.coupon-center-error')?.textContent).toContain('领券中心暂时无法加载：服务暂时不可用，请稍后重试')
    reply = () => ok(center([]))
    await tap(container.querySelector('.coupon-center-retry'))
    expect(container.querySelector('.coupon-center-empty')?.textContent).toContain('暂无可领取的优惠券')
  })
})

describe('wallet', () => {
  const page = (items: Coupon[], nextCursor: string | null = null) => ok({ items, nextCursor })

  async function openWallet() {
    const view = await renderPage()
    await tap(view.container.querySelector('.coupons-segment--wallet'))
    return view
  }

  it('loads nothing until opened, then shows held coupons first (使用中) and the available ones', async () => {
    const held = coupon(9, { status: 'held' })
    serve({ coupons: (q) => (q.get('status') === 'held' ? page([held]) : page([coupon(1), coupon(2)])) })
    await renderPage()
    expect(couponQueries()).toHaveLength(0)
    const { container } = await openWallet()
    expect(couponQueries()).toEqual([{ status: 'held', limit: '100' }, { status: 'available', limit: '20' }])
    expect(texts(container, '.wallet-coupon-title')).toEqual(['思域 满100减20', '思域 满100减20', '思域 满100减20'])
    const rows = container.querySelectorAll('.wallet-coupon')
    expect(rows[0].className).toContain('wallet-coupon--held')
    expect(rows[0].querySelector('.coupon-status')?.textContent).toBe('使用中')
    expect(rows[1].querySelector('.coupon-status')).toBeNull()
    expect(rows[1].querySelector('.wallet-coupon-line')?.textContent).toBe('有效期至 2026-11-30')
    expect(container.querySelector('.wallet-tab--active')?.textContent).toBe('可使用')
  })

  it('switches tabs by status, used coupons with when they were used', async () => {
    serve({ coupons: (q) => (q.get('status') === 'used' ? page([coupon(5, { status: 'used', usedAt: '2026-11-25T06:03:00.000Z' })]) : page([])) })
    const { container } = await openWallet()
    await tap(container.querySelector('.wallet-tab--used'))
    expect(couponQueries().at(-1)).toEqual({ status: 'used', limit: '20' })
    expect(container.querySelector('.wallet-tab--active')?.textContent).toBe('已使用')
    expect(container.querySelector('.coupon-status')?.textContent).toBe('已使用')
    expect(container.querySelector('.wallet-coupon-line')?.textContent).toBe('2026-11-25 14:03 已使用')
    await tap(container.querySelector('.wallet-tab--expired'))
    expect(couponQueries().at(-1)).toEqual({ status: 'expired', limit: '20' })
    expect(container.querySelector('.wallet-empty')?.textContent).toContain('暂无已过期的优惠券')
  })

  it('loads the next page of available coupons at the bottom of the page', async () => {
    const first = Array.from({ length: 20 }, (_, i) => coupon(i + 1))
    serve({
      coupons: (q) => {
        if (q.get('status') === 'held') return page([])
        return q.get('cursor') === 'c20' ? page([coupon(20), coupon(21)]) : page(first, 'c20')
      },
    })
    const { container } = await openWallet()
    expect(container.querySelector('.wallet-footer')?.textContent).toBe('上拉加载更多')
    await act(() => firePageEvent('reachBottom'))
    expect(couponQueries().at(-1)).toEqual({ status: 'available', cursor: 'c20', limit: '20' })
    expect(container.querySelectorAll('.wallet-coupon')).toHaveLength(21) // the overlapping coupon is shown once
    expect(container.querySelector('.wallet-footer')?.textContent).toBe('没有更多了')
    await act(() => firePageEvent('reachBottom'))
    expect(couponQueries()).toHaveLength(3)
  })

  it('offers the center from an empty wallet', async () => {
    serve()
    const { container } = await openWallet()
    expect(container.querySelector('.wallet-empty')?.textContent).toContain('暂无可使用的优惠券')
    await tap(container.querySelector('.wallet-go-center'))
    expect(container.querySelector('.coupons-segment--active')?.textContent).toBe('领券中心')
    expect(action(container, '思域 满100减20')).not.toBeNull()
  })

  it('opens a coupon’s detail page with its code', async () => {
    serve({ coupons: (q) => page(q.get('status') === 'held' ? [] : [coupon(7)]) })
    const { container } = await openWallet()
    await tap(container.querySelector('.wallet-coupon'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/coupon-detail/index?code=100000000000000007' })
  })

  it('shows a failed wallet with a retry, and refreshes it on pull-down', async () => {
    let fail = true
    serve({ coupons: () => (fail ? refuse(500, 'internal', 'boom') : page([coupon(1)])) })
    const { container } = await openWallet()
    expect(container.querySelector('.wallet-error')?.textContent).toContain('服务暂时不可用，请稍后重试')
    fail = false
    await tap(container.querySelector('.wallet-retry'))
    expect(container.querySelectorAll('.wallet-coupon')).toHaveLength(1)
    request.mockClear()
    await act(() => firePageEvent('pullDownRefresh'))
    expect(couponQueries()).toHaveLength(2)
    expect(calls('/v1/coupon-templates')).toHaveLength(0)
    expect(Taro.stopPullDownRefresh).toHaveBeenCalledTimes(1)
  })

  it('shows a claim made in the center when the wallet opens again', async () => {
    let mine: Coupon[] = []
    serve({ coupons: (q) => page(q.get('status') === 'held' ? [] : mine), claim: () => ((mine = [coupon(1)]), ok({ coupon: coupon(1), replayed: false })) })
    const { container } = await openWallet()
    expect(container.querySelector('.wallet-empty')).not.toBeNull()
    await tap(container.querySelector('.coupons-segment--center'))
    await tap(action(container, '思域 满100减20'))
    await tap(container.querySelector('.coupons-segment--wallet'))
    expect(container.querySelectorAll('.wallet-coupon')).toHaveLength(1)
  })
})
