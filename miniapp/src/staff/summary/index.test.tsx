import { act, fireEvent, render } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { shanghaiDate } from '@siyu/shared/rules/business-day'
import { memberStore } from '@/store/member-store'
import { firePageEvent, resetTaroMock, setCurrentPage } from '../../../test/taro-mock'
import SummaryPage from './index'

jest.mock('@/components/ui', () => require('../../../test/ui-mock'))

type RequestOptions = { url: string; method?: string }
type Reply = { statusCode: number; data: unknown }
const request = Taro.request as unknown as jest.Mock<Promise<Reply>, [RequestOptions]>

const clerk = { id: 'm_clerk00001', roles: ['member', 'clerk'], needsConsent: false }
const day = (date: string, over: object = {}) => ({
  storeId: 'store-1', date, purchases: 3, purchaseFen: 38400, pointsIssued: 364, couponsRedeemed: 1, discountFen: 2000,
  refunds: 1, refundFen: 6400, pointsReversed: 64, redemptions: 0, pointsRedeemed: 0, voids: 1, ...over,
})
const ok = (data: unknown): Promise<Reply> => Promise.resolve({ statusCode: 200, data })

function serve(summary: (date: string) => Promise<Reply>, me: object = clerk) {
  request.mockImplementation((o) => {
    const url = new URL(o.url, 'http://x')
    if (url.pathname === '/v1/me') return ok(me)
    if (url.pathname === '/v1/staff/summary') return summary(url.searchParams.get('date') ?? '')
    return Promise.reject(new Error(`unexpected ${o.url}`))
  })
}

const summaryDates = () => request.mock.calls.map(([o]) => new URL(o.url, 'http://x')).filter((u) => u.pathname === '/v1/staff/summary').map((u) => u.searchParams.get('date'))
const text = (root: Element, selector: string) => root.querySelector(selector)?.textContent

async function renderPage() {
  const view = render(<SummaryPage />)
  await act(async () => {})
  return view
}

beforeEach(() => {
  resetTaroMock()
  setCurrentPage('staff/summary/index')
  memberStore.set(null)
  Taro.setStorageSync('siyu.token', 'tok')
})

describe('store day summary', () => {
  it('shows today’s figures with amounts in yuan', async () => {
    serve((date) => ok(day(date)))
    const { container } = await renderPage()
    const today = shanghaiDate(new Date())
    expect(summaryDates()).toEqual([today])
    expect(text(container, '.staff-date__value')).toBe(`今天 ${today} ▾`)
    expect(text(container, '.staff-summary-purchases')).toBe('3消费笔数')
    expect(text(container, '.staff-summary-purchase-amount')).toBe('¥384.00消费金额')
    expect(text(container, '.staff-summary-points-issued')).toBe('364发放积分')
    expect(text(container, '.staff-summary-refund-amount')).toBe('¥64.00退款金额')
    expect(text(container, '.staff-summary-voids')).toBe('1撤销笔数')
  })

  it('loads an earlier day from the date picker', async () => {
    serve((date) => ok(day(date, { purchases: date === '2026-11-01' ? 9 : 3 })))
    const { container } = await renderPage()
    await act(async () => {
      fireEvent.change(container.querySelector('.staff-summary-date input')!, { target: { value: '2026-11-01' } })
    })
    expect(summaryDates().at(-1)).toBe('2026-11-01')
    expect(text(container, '.staff-date__value')).toBe('2026-11-01 ▾')
    expect(text(container, '.staff-summary-purchases')).toBe('9消费笔数')
  })

  it('says so on a day without till actions', async () => {
    serve((date) => ok(day(date, { purchases: 0, refunds: 0, redemptions: 0, voids: 0 })))
    const { container } = await renderPage()
    expect(text(container, '.staff-summary-empty')).toContain('今天还没有门店操作')
  })

  it('shows a failure with a retry, and refreshes on pull-down', async () => {
    let fail = true
    serve((date) => (fail ? Promise.resolve({ statusCode: 403, data: { error: { code: 'staff.disabled', message: '你的员工身份已停用' } } }) : ok(day(date))))
    const { container } = await renderPage()
    expect(text(container, '.staff-summary-error')).toContain('汇总加载失败：你的员工身份已停用')
    fail = false
    await act(async () => {
      fireEvent.click(container.querySelector('.staff-summary-retry')!)
    })
    expect(text(container, '.staff-summary-purchases')).toBe('3消费笔数')
    await act(() => firePageEvent('pullDownRefresh'))
    expect(summaryDates()).toHaveLength(3)
    expect(Taro.stopPullDownRefresh).toHaveBeenCalled()
  })

  it('is not for members without a staff role', async () => {
    serve((date) => ok(day(date)), { ...clerk, roles: ['member'] })
    const { container } = await renderPage()
    expect(text(container, '.staff-no-access')).toContain('无权限')
    expect(summaryDates()).toEqual([])
  })
})
