import { act, fireEvent, render } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { resetTaroMock, setCurrentPage } from '../../../test/taro-mock'
import { adminOperator, fail, managerOperator, never, resetConsole, serveRoutes } from '../lib/route-mock'
import DebtorsConsolePage from './index'

jest.mock('@/components/ui', () => require('../../../test/ui-mock'))

const debtor = (n: number) => ({ member: { id: `m_debtor00000${n}`, name: `会员${n}`, phone: '139****1234' }, debt: 1200 * n, available: 0, updatedAt: '2026-11-20T04:05:00.000Z' })
const serve = (list: (q: Record<string, string>) => unknown, me: object = adminOperator) => serveRoutes({ getConsoleMe: () => me, getDebtors: (c) => list(c.query) })
const texts = (root: Element, selector: string) => Array.from(root.querySelectorAll(selector), (e) => e.textContent)

async function renderPage() {
  const view = render(<DebtorsConsolePage />)
  await act(async () => {})
  return view
}

beforeEach(() => {
  resetTaroMock()
  setCurrentPage('admin/debtors/index')
  resetConsole()
})

describe('debtors', () => {
  it('shows a skeleton while loading', async () => {
    serve(() => never())
    const { container } = await renderPage()
    expect(container.querySelector('.console-debtors-loading')).not.toBeNull()
  })

  it('lists members in debt by name and opens one', async () => {
    const api = serve((q) => (q.cursor ? { items: [debtor(3)], nextCursor: null } : { items: [debtor(1), debtor(2)], nextCursor: 'c1' }))
    const { container } = await renderPage()
    expect(texts(container, '.console-debtor-row__member')).toEqual(['会员1 · 139****1234', '会员2 · 139****1234'])
    expect(texts(container, '.console-debtor-row__debt')).toEqual(['1,200 积分', '2,400 积分'])
    expect(texts(container, '.console-debtor-row__available')).toEqual(['0', '0'])
    expect(texts(container, '.console-debtor-row__updated')[0]).toBe('2026-11-20 12:05')
    await act(async () => {
      fireEvent.click(container.querySelector('.console-debtors-footer')!)
    })
    expect(api.of('getDebtors').at(-1)!.query).toEqual({ cursor: 'c1' })
    expect(texts(container, '.console-debtor-row__member')).toHaveLength(3)

    fireEvent.click(container.querySelector('.console-debtor-row__member')!)
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/admin/member/index?id=m_debtor000001' })
  })

  it('says so when no one is in debt', async () => {
    serve(() => ({ items: [], nextCursor: null }))
    const { container } = await renderPage()
    expect(container.querySelector('.console-debtors-empty')?.textContent).toContain('没有欠扣的会员')
  })

  it('shows a failure with a retry', async () => {
    let down = true
    serve(() => (down ? fail(500) : { items: [debtor(1)], nextCursor: null }))
    const { container } = await renderPage()
    expect(container.querySelector('.console-debtors-error')?.textContent).toContain('欠扣会员加载失败')
    down = false
    await act(async () => {
      fireEvent.click(container.querySelector('.console-debtors-retry')!)
    })
    expect(container.querySelectorAll('.console-debtor-row__member')).toHaveLength(1)
  })

  it('is for brand admins only', async () => {
    const api = serve(() => ({ items: [], nextCursor: null }), managerOperator)
    const { container } = await renderPage()
    expect(container.querySelector('.console-denied')).not.toBeNull()
    expect(api.of('getDebtors')).toEqual([])
  })
})
