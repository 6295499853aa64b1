import { act, fireEvent, render } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { shanghaiDate } from '@siyu/shared/rules/business-day'
import { memberStore } from '@/store/member-store'
import { firePageEvent, resetTaroMock, setCurrentPage } from '../../../test/taro-mock'
import AuditPage from './index'

jest.mock('@/components/ui', () => require('../../../test/ui-mock'))

type RequestOptions = { url: string; method?: string }
type Reply = { statusCode: number; data: unknown }
const request = Taro.request as unknown as jest.Mock<Promise<Reply>, [RequestOptions]>

const manager = { id: 'm_manager0001', roles: ['member', 'manager'], needsConsent: false }
const entry = (n: number, over: object = {}) => ({
  id: `purchase:pur_SO${n}`, at: '2026-11-25T06:30:00.000Z', storeId: 'store-1', staffId: 'm_clerk00001', action: 'purchase',
  memberId: 'm_0000000001', orderId: `SO${n}`, amountFen: 12800, points: 128, requestId: `r${n}`, ...over,
})
const ok = (data: unknown): Promise<Reply> => Promise.resolve({ statusCode: 200, data })

function serve(audit: (q: URLSearchParams) => Promise<Reply>, me: object = manager) {
  request.mockImplementation((o) => {
    const url = new URL(o.url, 'http://x')
    if (url.pathname === '/v1/me') return ok(me)
    if (url.pathname === '/v1/manager/audit') return audit(url.searchParams)
    return Promise.reject(new Error(`unexpected ${o.url}`))
  })
}

const auditQueries = () => request.mock.calls.map(([o]) => new URL(o.url, 'http://x')).filter((u) => u.pathname === '/v1/manager/audit').map((u) => Object.fromEntries(u.searchParams))
const texts = (root: Element, selector: string) => Array.from(root.querySelectorAll(selector), (e) => e.textContent)

async function renderPage() {
  const view = render(<AuditPage />)
  await act(async () => {})
  return view
}

beforeEach(() => {
  resetTaroMock()
  setCurrentPage('staff/audit/index')
  memberStore.set(null)
  Taro.setStorageSync('siyu.token', 'tok')
})

describe('audit log', () => {
  it('lists today’s entries and loads the next page at the bottom', async () => {
    serve((q) => ok(q.get('cursor') ? { items: [entry(3, { action: 'void', amountFen: null, points: null })], nextCursor: null } : { items: [entry(1), entry(2, { action: 'refund', amountFen: 6400, points: 64 })], nextCursor: 'c1' }))
    const { container } = await renderPage()
    expect(auditQueries()[0]).toEqual({ date: shanghaiDate(new Date()), limit: '30' })
    expect(texts(container, '.staff-audit-entry__action')).toEqual(['记录消费', '退款'])
    expect(texts(container, '.staff-audit-entry__figures')).toEqual(['¥128.00 · +128 积分', '¥64.00 · 扣回 64 积分'])
    expect(texts(container, '.staff-audit-entry__time')[0]).toBe('2026-11-25 14:30')
    expect(texts(container, '.staff-audit-footer')).toEqual(['上拉加载更多'])

    await act(() => firePageEvent('reachBottom'))
    expect(auditQueries().at(-1)).toMatchObject({ cursor: 'c1' })
    expect(texts(container, '.staff-audit-entry__action')).toEqual(['记录消费', '退款', '撤销'])
    expect(texts(container, '.staff-audit-footer')).toEqual(['没有更多了'])
  })

  it('filters by a staff member, typed or tapped, and checks the id', async () => {
    serve(() => ok({ items: [entry(1)], nextCursor: null }))
    const { container } = await renderPage()
    fireEvent.change(container.querySelector('.staff-audit-staff-input')!, { target: { value: 'clerk-1' } })
    await act(async () => {
      fireEvent.click(container.querySelector('.staff-audit-apply')!)
    })
    expect(texts(container, '.staff-audit-staff-error')).toEqual(['员工编号格式不正确（m_ 开头）'])
    expect(auditQueries()).toHaveLength(1)

    await act(async () => {
      fireEvent.click(container.querySelector('.staff-audit-entry__staff')!)
    })
    expect(auditQueries().at(-1)).toMatchObject({ staffId: 'm_clerk00001' })
    expect((container.querySelector('.staff-audit-staff-input') as HTMLInputElement).value).toBe('m_clerk00001')
    await act(async () => {
      fireEvent.click(container.querySelector('.staff-audit-clear')!)
    })
    expect(auditQueries().at(-1)).not.toHaveProperty('staffId')
  })

  it('picks another day', async () => {
    serve(() => ok({ items: [], nextCursor: null }))
    const { container } = await renderPage()
    expect(container.querySelector('.staff-audit-empty')?.textContent).toContain('暂无操作记录')
    await act(async () => {
      fireEvent.change(container.querySelector('.staff-audit-date input')!, { target: { value: '2026-11-01' } })
    })
    expect(auditQueries().at(-1)).toMatchObject({ date: '2026-11-01' })
  })

  it('shows a failure with a retry', async () => {
    let fail = true
    serve(() => (fail ? Promise.resolve({ statusCode: 500, data: { error: { code: 'internal', message: 'x' } } }) : ok({ items: [entry(1)], nextCursor: null })))
    const { container } = await renderPage()
    expect(container.querySelector('.staff-audit-error')?.textContent).toContain('操作记录加载失败：服务暂时不可用，请稍后重试')
    fail = false
    await act(async () => {
      fireEvent.click(container.querySelector('.staff-audit-retry')!)
    })
    expect(container.querySelectorAll('.staff-audit-entry')).toHaveLength(1)
  })

  it('is for managers only', async () => {
    serve(() => ok({ items: [], nextCursor: null }), { ...manager, roles: ['member', 'clerk'] })
    const { container } = await renderPage()
    expect(container.querySelector('.staff-no-access')?.textContent).toContain('仅限店长使用')
    expect(auditQueries()).toEqual([])
  })
})
