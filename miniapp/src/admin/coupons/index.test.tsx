import { act, fireEvent, render } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { resetTaroMock, setCurrentPage } from '../../../test/taro-mock'
import { adminOperator, fail, managerOperator, never, resetConsole, serveRoutes } from '../lib/route-mock'
import CouponsConsolePage from './index'

jest.mock('@/components/ui', () => require('../../../test/ui-mock'))

const template = (n: number, over: object = {}) => ({
  id: `ct_template00${n}`, title: `满减券${n}`, description: '', benefit: { kind: 'threshold', thresholdFen: 10000, amountOffFen: 2000 },
  stores: ['store-1', 'store-2'], validity: { type: 'days', days: 7 }, totalStock: 100, perMemberLimit: 1, channel: { type: 'public' },
  paused: false, returnOnRefund: true, shards: 1, ruleText: '满 100 元减 20 元', createdAt: '2026-11-01T00:00:00.000Z', updatedAt: '2026-11-01T00:00:00.000Z',
  status: 'active', taken: 40, left: 60, redeemed: 12, endedAt: null, ...over,
})
const stores = { items: [
  { storeId: 'store-1', name: '静安店', city: '上海', open: true, createdAt: '2026-01-01T00:00:00.000Z' },
  { storeId: 'store-2', name: '徐汇店', city: '上海', open: true, createdAt: '2026-01-01T00:00:00.000Z' },
] }

function serve(list: (q: Record<string, string>) => unknown, more: Parameters<typeof serveRoutes>[0] = {}, me: object = adminOperator) {
  return serveRoutes({ getConsoleMe: () => me, listStores: () => stores, listCouponTemplatesAdmin: (c) => list(c.query), ...more })
}

const texts = (root: Element, selector: string) => Array.from(root.querySelectorAll(selector), (e) => e.textContent)
const type = (root: Element, name: string, value: string) => fireEvent.change(root.querySelector(`.${name}-input`)!, { target: { value } })
const tap = async (el: Element | null) => {
  await act(async () => {
    fireEvent.click(el!)
  })
}

async function renderPage() {
  const view = render(<CouponsConsolePage />)
  await act(async () => {})
  return view
}

beforeEach(() => {
  resetTaroMock()
  setCurrentPage('admin/coupons/index')
  resetConsole()
})

describe('coupon templates', () => {
  it('shows a skeleton while the list loads', async () => {
    serve(() => never())
    const { container } = await renderPage()
    expect(container.querySelector('.console-coupons-loading')).not.toBeNull()
  })

  it('lists templates with their stock, status and store names, and filters by status', async () => {
    const api = serve((q) => (q.status === 'paused' ? { items: [template(2, { status: 'paused', paused: true })], nextCursor: null } : { items: [template(1)], nextCursor: null }))
    const { container } = await renderPage()
    expect(texts(container, '.console-coupon-row__title')).toEqual(['满减券1'])
    expect(texts(container, '.console-coupon-row__rule')).toEqual(['满 100 元减 20 元'])
    expect(texts(container, '.console-coupon-row__status')).toEqual(['进行中'])
    expect(texts(container, '.console-coupon-row__taken')).toEqual(['40'])
    expect(texts(container, '.console-coupon-row__left')).toEqual(['60'])
    expect(texts(container, '.console-coupon-row__redeemed')).toEqual(['12'])
    expect(texts(container, '.console-coupon-row__validity')).toEqual(['领取后 7 天内有效'])
    expect(texts(container, '.console-coupon-row__stores')).toEqual(['静安店、徐汇店'])
    expect(api.of('listCouponTemplatesAdmin')[0].query).toEqual({})

    await tap(container.querySelector('.console-coupon-tabs__option--paused'))
    expect(api.of('listCouponTemplatesAdmin').at(-1)!.query).toEqual({ status: 'paused' })
    expect(texts(container, '.console-coupon-pause')).toEqual(['恢复'])
  })

  it('says so when there are none', async () => {
    serve(() => ({ items: [], nextCursor: null }))
    const { container } = await renderPage()
    expect(container.querySelector('.console-coupons-empty')?.textContent).toContain('暂无优惠券')
  })

  it('shows a failure with a retry', async () => {
    let down = true
    serve(() => (down ? fail(500) : { items: [template(1)], nextCursor: null }))
    const { container } = await renderPage()
    expect(container.querySelector('.console-coupons-error')?.textContent).toContain('优惠券加载失败')
    down = false
    await tap(container.querySelector('.console-coupons-retry'))
    expect(container.querySelectorAll('.console-coupon-row__title')).toHaveLength(1)
  })

  it('is for brand admins only', async () => {
    const api = serve(() => ({ items: [], nextCursor: null }), {}, managerOperator)
    const { container } = await renderPage()
    expect(container.querySelector('.console-denied')?.textContent).toContain('无权限')
    expect(api.of('listCouponTemplatesAdmin')).toEqual([])
  })
})

describe('creating a template', () => {
  async function openForm() {
    const created = template(9)
    const api = serve(() => ({ items: [], nextCursor: null }), { createCouponTemplate: () => created })
    const view = await renderPage()
    await tap(view.container.querySelector('.console-coupon-new'))
    return { ...view, api }
  }

  it('shows errors by field and sends nothing while the form is incomplete', async () => {
    const { container, api } = await openForm()
    type(container, 'console-coupon-amount', '120')
    await tap(container.querySelector('.console-coupon-submit'))
    expect(texts(container, '.console-coupon-title-error')).toEqual(['请填写券名称'])
    expect(texts(container, '.console-coupon-stock-error')).toEqual(['请输入 1–10000000 之间的整数'])
    expect(texts(container, '.console-coupon-amount-error')).toEqual(['减免金额必须小于门槛金额'])
    expect(api.of('createCouponTemplate')).toEqual([])
    // Errors follow the typing once shown.
    type(container, 'console-coupon-title', '周末满减')
    expect(container.querySelector('.console-coupon-title-error')).toBeNull()
  })

  it('sends the checked body under an Idempotency-Key and reloads the list', async () => {
    const { container, api } = await openForm()
    type(container, 'console-coupon-title', '周末满减')
    type(container, 'console-coupon-stock', '500')
    type(container, 'console-coupon-limit', '2')
    await tap(container.querySelector('.console-coupon-stores__option--store-2'))
    await tap(container.querySelector('.console-coupon-channel__option--points'))
    type(container, 'console-coupon-price', '300')
    await tap(container.querySelector('.console-coupon-submit'))

    const [call] = api.of('createCouponTemplate')
    expect(call.body).toEqual({
      title: '周末满减', description: '', benefit: { kind: 'threshold', thresholdFen: 10000, amountOffFen: 2000 }, stores: ['store-2'],
      validity: { type: 'days', days: 30 }, totalStock: 500, perMemberLimit: 2, channel: { type: 'points', pricePoints: 300 }, paused: false, returnOnRefund: true,
    })
    expect(call.headers['Idempotency-Key']).toMatch(/^[0-9a-z]+-[0-9a-z]{16}$/)
    expect(container.querySelector('.console-coupon-form')).toBeNull()
    expect(api.of('listCouponTemplatesAdmin')).toHaveLength(2)
  })

  it('sends a date range as Shanghai midnights, the last day included', async () => {
    const { container, api } = await openForm()
    type(container, 'console-coupon-title', '双十二')
    type(container, 'console-coupon-stock', '10')
    await tap(container.querySelector('.console-coupon-validity__option--window'))
    fireEvent.change(container.querySelector('.console-coupon-from input')!, { target: { value: '2026-12-10' } })
    fireEvent.change(container.querySelector('.console-coupon-to input')!, { target: { value: '2026-12-12' } })
    expect(container.querySelector('.console-coupon-preview-validity')?.textContent).toBe('2026-12-10 至 2026-12-12')
    await tap(container.querySelector('.console-coupon-submit'))
    expect(api.of('createCouponTemplate')[0].body).toMatchObject({ validity: { type: 'window', from: '2026-12-09T16:00:00.000Z', to: '2026-12-12T16:00:00.000Z' } })
  })

  it('keeps the key when the same form is sent again after a failure', async () => {
    let down = true
    const api = serve(() => ({ items: [], nextCursor: null }), { createCouponTemplate: () => (down ? fail(500) : template(9)) })
    const { container } = await renderPage()
    await tap(container.querySelector('.console-coupon-new'))
    type(container, 'console-coupon-title', '周末满减')
    type(container, 'console-coupon-stock', '500')
    await tap(container.querySelector('.console-coupon-submit'))
    expect(container.querySelector('.console-coupon-form-error')?.textContent).toContain('创建失败')
    down = false
    await tap(container.querySelector('.console-coupon-submit'))
    const [first, second] = api.of('createCouponTemplate')
    expect(second.headers['Idempotency-Key']).toBe(first.headers['Idempotency-Key'])
  })

  it('previews the member’s card as the fields change', async () => {
    const { container } = await openForm()
    const preview = (part: string) => container.querySelector(`.console-coupon-preview-${part}`)?.textContent
    expect(preview('rule')).toBe('满 100 元减 20 元')
    expect(container.querySelector('.coupon-face__note')?.textContent).toBe('满 100 元可用')
    type(container, 'console-coupon-title', '会员日')
    expect(preview('title')).toBe('会员日')

    await tap(container.querySelector('.console-coupon-kind__option--percent'))
    expect(container.querySelector('.console-coupon-preview--empty')).not.toBeNull()
    type(container, 'console-coupon-zhe', '8.5')
    expect(preview('rule')).toBe('8.5 折')
    type(container, 'console-coupon-cap', '30')
    expect(preview('rule')).toBe('8.5 折，最多减 30 元')
    expect(container.querySelector('.coupon-face__value')?.textContent).toBe('8.5')

    expect(preview('action')).toBe('立即领取')
    await tap(container.querySelector('.console-coupon-channel__option--points'))
    type(container, 'console-coupon-price', '200')
    expect(preview('action')).toBe('200 积分兑换')
    await tap(container.querySelector('.console-coupon-stores__option--store-1'))
    expect(preview('stores')).toBe('适用门店：静安店')
  })
})

describe('row actions', () => {
  it('raises stock (never lowers it), pauses, and ends after a confirmation', async () => {
    const api = serve(() => ({ items: [template(1)], nextCursor: null }), {
      updateCouponTemplate: () => template(1),
      endCouponTemplate: () => template(1, { status: 'ended' }),
    })
    const { container } = await renderPage()
    await tap(container.querySelector('.console-coupon-raise'))
    fireEvent.change(container.querySelector('.console-coupon-raise-input')!, { target: { value: '0' } })
    await tap(container.querySelector('.console-coupon-raise-submit'))
    expect(container.querySelector('.console-coupon-raise-error')?.textContent).toContain('请输入 1–')
    fireEvent.change(container.querySelector('.console-coupon-raise-input')!, { target: { value: '50' } })
    await tap(container.querySelector('.console-coupon-raise-submit'))
    expect(api.of('updateCouponTemplate').map((c) => [c.params, c.body])).toEqual([[{ id: 'ct_template001' }, { totalStock: 150 }]])

    await tap(container.querySelector('.console-coupon-pause'))
    expect(api.of('updateCouponTemplate').at(-1)!.body).toEqual({ paused: true })

    const showModal = Taro.showModal as unknown as jest.Mock
    showModal.mockResolvedValueOnce({ confirm: false, cancel: true })
    await tap(container.querySelector('.console-coupon-end'))
    expect(api.of('endCouponTemplate')).toEqual([])
    await tap(container.querySelector('.console-coupon-end'))
    expect(showModal.mock.calls.at(-1)![0].content).toContain('已领取的 40 张券在有效期内仍可正常使用')
    expect(api.of('endCouponTemplate').map((c) => c.params)).toEqual([{ id: 'ct_template001' }])
  })

  it('offers no actions on an ended template', async () => {
    serve(() => ({ items: [template(1, { status: 'ended' })], nextCursor: null }))
    const { container } = await renderPage()
    expect(container.querySelector('.console-coupon-end')).toBeNull()
    expect(container.querySelector('.console-coupon-row__ended')?.textContent).toBe('已结束发放')
  })
})
