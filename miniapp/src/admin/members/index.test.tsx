import { act, fireEvent, render } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { firePageEvent, resetTaroMock, setCurrentPage } from '../../../test/taro-mock'
import { forgetOperator } from '../lib/use-operator'
import { normaliseQuery } from './search-text'
import MembersPage from './index'

jest.mock('@/components/ui', () => require('../../../test/ui-mock'))

type RequestOptions = { url: string; method?: string }
type Reply = { statusCode: number; data: unknown }
const request = Taro.request as unknown as jest.Mock<Promise<Reply>, [RequestOptions]>

const manager = { operator: { id: 'm_manager0001', name: '店长老王', phone: null }, role: 'manager', store: { id: 'store-1', name: '徐汇店' } }
const row = (n: number, over: object = {}) => ({
  member: { id: `m_member0000${n}`, name: `会员${n}`, phone: `138****000${n}` }, tier: { code: 'silver', name: '银卡' },
  available: 1200 * n, debt: 0, roles: ['member'], createdAt: '2026-03-01T02:00:00.000Z', ...over,
})
const ok = (data: unknown): Promise<Reply> => Promise.resolve({ statusCode: 200, data })

function serve(search: (q: URLSearchParams) => Promise<Reply>) {
  request.mockImplementation((o) => {
    const url = new URL(o.url, 'http://x')
    if (url.pathname === '/v1/admin/me') return ok(manager)
    if (url.pathname === '/v1/admin/members') return search(url.searchParams)
    return Promise.reject(new Error(`unexpected ${o.url}`))
  })
}

const searches = () => request.mock.calls.map(([o]) => new URL(o.url, 'http://x')).filter((u) => u.pathname === '/v1/admin/members').map((u) => Object.fromEntries(u.searchParams))
const texts = (root: Element, selector: string) => Array.from(root.querySelectorAll(selector), (e) => e.textContent)

async function renderPage() {
  const view = render(<MembersPage />)
  await act(async () => {})
  return view
}

async function searchFor(container: HTMLElement, text: string) {
  fireEvent.change(container.querySelector('.console-member-search-input')!, { target: { value: text } })
  await act(async () => {
    fireEvent.click(container.querySelector('.console-member-search-submit')!)
  })
}

beforeEach(() => {
  resetTaroMock()
  forgetOperator()
  setCurrentPage('admin/members/index')
  Taro.setStorageSync('siyu.token', 'tok')
})

describe('member search', () => {
  it('starts with a hint and no request, and says so when nothing was typed', async () => {
    serve(() => ok({ matchedBy: 'nickname', items: [], nextCursor: null }))
    const { container } = await renderPage()
    expect(container.querySelector('.console-members-initial')?.textContent).toContain('查找会员')
    expect(container.querySelector('.console-member-search-hint')?.textContent).toContain('完整手机号')
    await searchFor(container, '   ')
    expect(container.querySelector('.console-member-search-error')?.textContent).toBe('请输入手机号、会员码、短号或昵称')
    expect(searches()).toEqual([])
  })

  it('finds a member by phone, with names, tier, points, debt and staff badges, and opens them', async () => {
    serve(() => ok({ matchedBy: 'phone', items: [row(1, { debt: 30, roles: ['member', 'clerk'] })], nextCursor: null }))
    const { container } = await renderPage()
    await searchFor(container, '138 0000 0001')
    expect(searches()).toEqual([{ q: '13800000001', limit: '20' }])
    expect(container.querySelector('.console-member-results__caption')?.textContent).toBe('按手机号精确匹配 · 共 1 位')
    const r = container.querySelector('.console-member-row')!
    expect(r.querySelector('.console-member-row__name')?.textContent).toBe('会员1 · 138****0001')
    expect(r.querySelector('.console-member-row__tier')?.textContent).toBe('银卡')
    expect(r.querySelector('.console-member-row__available')?.textContent).toBe('1,200 积分')
    expect(r.querySelector('.console-member-row__debt')?.textContent).toBe('欠扣 30')
    expect(texts(r, '.console-badge')).toEqual(['员工'])
    expect(r.textContent).not.toContain('m_member')
    fireEvent.click(r)
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/admin/member/index?id=m_member00001' })
  })

  it('pages nickname matches at the bottom', async () => {
    serve((q) => ok(q.get('cursor') ? { matchedBy: 'nickname', items: [row(3)], nextCursor: null } : { matchedBy: 'nickname', items: [row(1), row(2)], nextCursor: 'c1' }))
    const { container } = await renderPage()
    await searchFor(container, '会员')
    expect(container.querySelector('.console-member-results__caption')?.textContent).toBe('按昵称前缀匹配 · 已显示 2 位')
    expect(container.querySelector('.console-member-row__debt')).toBeNull()
    await act(() => firePageEvent('reachBottom'))
    expect(searches().at(-1)).toEqual({ q: '会员', limit: '20', cursor: 'c1' })
    expect(texts(container, '.console-member-row__name')).toEqual(['会员1 · 138****0001', '会员2 · 138****0002', '会员3 · 138****0003'])
    expect(container.querySelector('.console-members-footer')?.textContent).toBe('没有更多了')
  })

  it('says when nothing matched', async () => {
    serve(() => ok({ matchedBy: 'member_code', items: [], nextCursor: null }))
    const { container } = await renderPage()
    await searchFor(container, '12345678901234')
    expect(container.querySelector('.console-members-empty')?.textContent).toContain('未找到会员')
    expect(container.querySelector('.console-members-empty')?.textContent).toContain('12345678901234')
  })

  it('shows a failure with a retry, and searching the same text again asks again', async () => {
    let fail = true
    serve(() => (fail ? Promise.resolve({ statusCode: 500, data: { error: { code: 'internal', message: 'x' } } }) : ok({ matchedBy: 'short_id', items: [row(1)], nextCursor: null })))
    const { container } = await renderPage()
    await searchFor(container, '12345678')
    expect(container.querySelector('.console-members-error')?.textContent).toContain('会员搜索加载失败：服务暂时不可用，请稍后重试')
    fail = false
    await act(async () => {
      fireEvent.click(container.querySelector('.console-members-retry')!)
    })
    expect(container.querySelector('.console-member-results__caption')?.textContent).toBe('按短号匹配 · 共 1 位')
    await searchFor(container, '12345678')
    expect(searches()).toHaveLength(3)
  })
})

describe('normaliseQuery', () => {
  it.each([
    [' 138 0000 0001 ', '13800000001'],
    ['1234-5678', '12345678'],
    ['  小 王 ', '小 王'],
    ['m_member00001', 'm_member00001'],
  ])('%j → %j', (text, q) => expect(normaliseQuery(text)).toBe(q))
})
