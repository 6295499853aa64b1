import { act, fireEvent, render } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { resetTaroMock, setCurrentPage } from '../../../test/taro-mock'
import { forgetOperator } from '../lib/use-operator'
import OverviewPage from './index'

jest.mock('@/components/ui', () => require('../../../test/ui-mock'))
// A selector picker as a <select> (the shared mock only knows the date picker).
jest.mock('@tarojs/components', () => ({
  ...jest.requireActual('../../../test/components-mock'),
  Picker: ({ className, range, value, disabled, onChange, children }: { className?: string; range: string[]; value: number; disabled?: boolean; onChange: (e: { detail: { value: string } }) => void; children?: unknown }) => (
    <label className={className}>
      <select value={String(value)} disabled={disabled} onChange={(e) => onChange({ detail: { value: e.target.value } })}>
        {range.map((r, i) => (
          <option key={r} value={i}>
            {r}
          </option>
        ))}
      </select>
      {children as never}
    </label>
  ),
}))

type RequestOptions = { url: string; method?: string }
type Reply = { statusCode: number; data: unknown }
const request = Taro.request as unknown as jest.Mock<Promise<Reply>, [RequestOptions]>

const admin = { operator: { id: 'm_admin00001', name: '品牌小李', phone: '139****0001' }, role: 'admin', store: null }
const manager = { operator: { id: 'm_manager0001', name: '店长老王', phone: null }, role: 'manager', store: { id: 'store-1', name: '徐汇店' } }
const figures = (over: object = {}) => ({ membersJoined: 12, purchases: 30, purchaseFen: 1234500, pointsIssued: 12345, pointsRedeemed: 800, couponsClaimed: 40, couponsRedeemed: 9, ...over })
const brand = {
  store: null, date: '2026-11-25', month: '2026-11', today: figures(), thisMonth: figures({ membersJoined: 300, purchaseFen: 98765400 }),
  liability: { points: 250000, valueFen: 250000, redeemPointsPerYuan: 100 }, asOf: '2026-11-25T06:30:00.000Z',
}
const storeView = { ...brand, store: { id: 'store-2', name: '静安店' }, today: figures({ membersJoined: null, couponsClaimed: null }), thisMonth: figures({ membersJoined: null, couponsClaimed: null }), liability: null }
const stores = { items: [{ storeId: 'store-1', name: '徐汇店', city: '上海', createdAt: '2026-01-01T00:00:00.000Z' }, { storeId: 'store-2', name: '静安店', city: '上海', createdAt: '2026-01-01T00:00:00.000Z' }] }
const ok = (data: unknown): Promise<Reply> => Promise.resolve({ statusCode: 200, data })
const fail = (): Promise<Reply> => Promise.resolve({ statusCode: 500, data: { error: { code: 'internal', message: 'x' } } })

function serve(me: object, overview: (q: URLSearchParams) => Promise<Reply>) {
  request.mockImplementation((o) => {
    const url = new URL(o.url, 'http://x')
    if (url.pathname === '/v1/admin/me') return ok(me)
    if (url.pathname === '/v1/admin/overview') return overview(url.searchParams)
    if (url.pathname === '/v1/admin/stores') return ok(stores)
    return Promise.reject(new Error(`unexpected ${o.url}`))
  })
}

const overviewQueries = () => request.mock.calls.map(([o]) => new URL(o.url, 'http://x')).filter((u) => u.pathname === '/v1/admin/overview').map((u) => Object.fromEntries(u.searchParams))
const texts = (root: Element, selector: string) => Array.from(root.querySelectorAll(selector), (e) => e.textContent)

async function renderPage() {
  const view = render(<OverviewPage />)
  await act(async () => {})
  return view
}

beforeEach(() => {
  resetTaroMock()
  forgetOperator()
  setCurrentPage('admin/index/index')
  Taro.setStorageSync('siyu.token', 'tok')
})

describe('console overview', () => {
  it('shows today’s and this month’s brand figures and the points liability', async () => {
    serve(admin, () => ok(brand))
    const { container } = await renderPage()
    expect(overviewQueries()).toEqual([{}])
    const today = container.querySelector('.console-overview-group--today')!
    expect(today.querySelector('.card__title')?.textContent).toBe('今日 · 2026-11-25')
    expect(texts(today, '.console-figure__label')).toEqual(['新增会员', '消费笔数', '消费金额', '发放积分', '兑换积分', '领券', '核销'])
    expect(texts(today, '.console-figure__value')).toEqual(['12', '30', '¥12,345.00', '12,345', '800', '40', '9'])
    expect(container.querySelector('.console-overview-group--month .console-figure--purchaseFen .console-figure__value')?.textContent).toBe('¥987,654.00')
    const liability = container.querySelector('.console-overview-liability')!
    expect(texts(liability, '.console-figure__value')).toEqual(['250,000', '¥2,500.00'])
    expect(liability.textContent).toContain('按收银抵扣 100 积分 = ¥1 计算')
    expect(container.querySelector('.console-overview-later')?.textContent).toBe('图表与深度指标将在数据洞察上线后显示在这里')
  })

  it('lets an admin pick a store, leaving out figures a store has not', async () => {
    serve(admin, (q) => ok(q.get('storeId') ? storeView : brand))
    const { container } = await renderPage()
    const select = container.querySelector('.console-overview-store select') as HTMLSelectElement
    expect(Array.from(select.options, (o) => o.textContent)).toEqual(['全品牌', '徐汇店', '静安店'])
    await act(async () => {
      fireEvent.change(select, { target: { value: '2' } })
    })
    expect(overviewQueries().at(-1)).toEqual({ storeId: 'store-2' })
    expect(container.querySelector('.console-overview-title')?.textContent).toBe('静安店 · 门店数据')
    expect(texts(container.querySelector('.console-overview-group--today')!, '.console-figure__label')).toEqual(['消费笔数', '消费金额', '发放积分', '兑换积分', '核销'])
    expect(container.querySelector('.console-overview-liability')).toBeNull()
    await act(async () => {
      fireEvent.change(select, { target: { value: '0' } })
    })
    expect(overviewQueries().at(-1)).toEqual({})
  })

  it('shows a manager their own store without a picker', async () => {
    serve(manager, () => ok({ ...storeView, store: { id: 'store-1', name: '徐汇店' } }))
    const { container } = await renderPage()
    expect(container.querySelector('.console-overview-store')).toBeNull()
    expect(container.querySelector('.console-overview-scope')?.textContent).toBe('徐汇店')
    expect(container.querySelector('.console-overview-title')?.textContent).toBe('徐汇店 · 门店数据')
    expect(request.mock.calls.some(([o]) => o.url.includes('/v1/admin/stores'))).toBe(false)
    expect(overviewQueries()).toEqual([{}])
  })

  it('shows skeletons while loading, then a failure with a retry', async () => {
    let answer: () => Promise<Reply> = () => new Promise(() => {})
    serve(admin, () => answer())
    const { container } = await renderPage()
    expect(container.querySelector('.console-overview-loading .nut-skeleton')).not.toBeNull()

    answer = fail
    await act(async () => {
      fireEvent.click(container.querySelector('.console-overview-refresh')!)
    })
    expect(container.querySelector('.console-overview-error')?.textContent).toContain('概览加载失败：服务暂时不可用，请稍后重试')
    answer = () => ok(brand)
    await act(async () => {
      fireEvent.click(container.querySelector('.console-overview-retry')!)
    })
    expect(container.querySelector('.console-overview-error')).toBeNull()
    expect(container.querySelectorAll('.console-overview-group--today .console-figure')).toHaveLength(7)
  })
})
