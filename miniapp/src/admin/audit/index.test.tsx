import { act, fireEvent, render } from '@testing-library/react'
import { shanghaiDate } from '@siyu/shared/rules/business-day'
import { firePageEvent, resetTaroMock, setCurrentPage } from '../../../test/taro-mock'
import { adminOperator, fail, managerOperator, never, resetConsole, serveRoutes } from '../lib/route-mock'
import { lastWeek } from './audit-text'
import AuditConsolePage from './index'

jest.mock('@/components/ui', () => require('../../../test/ui-mock'))

const clerk = { id: 'm_clerk000001', name: '小张', phone: '136****0001' }
const member = { id: 'm_member00001', name: '李女士', phone: '138****8888' }
const entry = (n: number, over: object = {}) => ({
  id: `a${n}`, at: '2026-11-25T06:30:00.000Z', kind: 'points', action: 'points.adjust', actionLabel: '积分调整', operator: { id: 'm_manager0001', name: '王店长', phone: '138****0002' },
  store: { id: 'store-1', name: '静安店' }, member, orderId: null, amountFen: null, points: -20, detail: '补录错误积分', ...over,
})
const stores = { items: [{ storeId: 'store-1', name: '静安店', city: '上海', open: true, createdAt: '2026-01-01T00:00:00.000Z' }, { storeId: 'store-2', name: '徐汇店', city: '上海', open: true, createdAt: '2026-01-01T00:00:00.000Z' }] }

type Handlers = Parameters<typeof serveRoutes>[0]
function serve(audit: (q: Record<string, string>) => unknown, me: object = adminOperator, over: Handlers = {}) {
  return serveRoutes({
    getConsoleMe: () => me,
    listStores: () => stores,
    listStaff: (c) => ({ items: [{ person: clerk, role: 'clerk', store: { id: 'store-1', name: '静安店' }, disabled: false, since: '2026-01-01T00:00:00.000Z' }], nextCursor: null, ...(c.query.storeId === 'store-2' ? { items: [] } : {}) }),
    searchMembers: () => ({ matchedBy: 'phone', items: [{ member, tier: { code: 'silver', name: '银卡' }, available: 100, debt: 0, roles: ['member'], createdAt: '2026-01-01T00:00:00.000Z' }], nextCursor: null }),
    listConsoleAudit: (c) => audit(c.query),
    ...over,
  })
}

const texts = (root: Element, selector: string) => Array.from(root.querySelectorAll(selector), (e) => e.textContent)
const tap = async (el: Element | null) => {
  await act(async () => {
    fireEvent.click(el!)
  })
}

async function renderPage() {
  const view = render(<AuditConsolePage />)
  await act(async () => {})
  return view
}

beforeEach(() => {
  resetTaroMock()
  setCurrentPage('admin/audit/index')
  resetConsole()
})

describe('the console audit', () => {
  it('shows a skeleton while loading', async () => {
    serve(() => never())
    const { container } = await renderPage()
    expect(container.querySelector('.console-audit-loading')).not.toBeNull()
  })

  it('lists the last 7 Shanghai days by names, and pages on', async () => {
    const api = serve((q) => (q.cursor ? { items: [entry(2, { kind: 'till', actionLabel: '记录消费', orderId: 'SO1', amountFen: 12800, points: 128, detail: null })], nextCursor: null } : { items: [entry(1)], nextCursor: 'c1' }))
    const { container } = await renderPage()
    const week = lastWeek(new Date())
    expect(week.to).toBe(shanghaiDate(new Date()))
    expect(api.of('listConsoleAudit')[0].query).toEqual({ from: week.from, to: week.to })
    expect(texts(container, '.console-audit-entry__time')).toEqual(['2026-11-25 14:30'])
    expect(texts(container, '.console-audit-entry__action')).toEqual(['积分调整'])
    expect(texts(container, '.console-audit-entry__operator')).toEqual(['王店长 · 138****0002'])
    expect(texts(container, '.console-audit-entry__store')).toEqual(['静安店'])
    expect(texts(container, '.console-audit-entry__member')).toEqual(['李女士 · 138****8888'])
    expect(texts(container, '.console-audit-entry__figures')).toEqual(['−20 积分'])
    expect(texts(container, '.console-audit-entry__detail')).toEqual(['补录错误积分'])

    await act(() => firePageEvent('reachBottom'))
    expect(api.of('listConsoleAudit').at(-1)!.query).toMatchObject({ cursor: 'c1' })
    expect(texts(container, '.console-audit-entry__figures')).toEqual(['−20 积分', '¥128.00 · +128 积分'])
    expect(texts(container, '.console-audit-entry__detail')[1]).toBe('订单 SO1')
  })

  it('sends every filter as a query parameter: dates, store, staff picked by name, member found by search, kind', async () => {
    const api = serve(() => ({ items: [entry(1)], nextCursor: null }))
    const { container } = await renderPage()
    fireEvent.change(container.querySelector('.console-audit-from input')!, { target: { value: '2026-11-01' } })
    await act(async () => {})
    fireEvent.change(container.querySelector('.console-audit-to input')!, { target: { value: '2026-11-20' } })
    await act(async () => {})
    await tap(container.querySelector('.console-audit-store__option--store-1'))
    expect(api.of('listStaff').at(-1)!.query).toEqual({ storeId: 'store-1', limit: '100' })
    expect(texts(container, '.console-audit-staff__option')).toEqual(['全部员工', '小张'])
    await tap(container.querySelector(`.console-audit-staff__option--${clerk.id}`))

    fireEvent.change(container.querySelector('.console-audit-member-input')!, { target: { value: '13800008888' } })
    await tap(container.querySelector('.console-audit-member-search'))
    expect(api.of('searchMembers')[0].query).toEqual({ q: '13800008888', limit: '10' })
    await tap(container.querySelector('.console-audit-member__option'))
    expect(container.querySelector('.console-audit-member__chosen')?.textContent).toBe('李女士 · 138****8888')
    await tap(container.querySelector('.console-audit-kind__option--points'))

    expect(api.of('listConsoleAudit').at(-1)!.query).toEqual({ from: '2026-11-01', to: '2026-11-20', storeId: 'store-1', staffId: clerk.id, memberId: member.id, kind: 'points' })

    // Another store has other staff: the staff filter is dropped with it.
    await tap(container.querySelector('.console-audit-store__option--store-2'))
    expect(api.of('listConsoleAudit').at(-1)!.query).toEqual({ from: '2026-11-01', to: '2026-11-20', storeId: 'store-2', memberId: member.id, kind: 'points' })
    await tap(container.querySelector('.console-audit-member-clear'))
    await tap(container.querySelector('.console-audit-kind__option--_all'))
    expect(api.of('listConsoleAudit').at(-1)!.query).toEqual({ from: '2026-11-01', to: '2026-11-20', storeId: 'store-2' })
  })

  it('keeps the date range in order', async () => {
    const api = serve(() => ({ items: [], nextCursor: null }))
    const { container } = await renderPage()
    const { to } = lastWeek(new Date())
    fireEvent.change(container.querySelector('.console-audit-to input')!, { target: { value: '2026-01-05' } })
    await act(async () => {})
    expect(api.of('listConsoleAudit').at(-1)!.query).toEqual({ from: '2026-01-05', to: '2026-01-05' })
    fireEvent.change(container.querySelector('.console-audit-from input')!, { target: { value: to } })
    await act(async () => {})
    expect(api.of('listConsoleAudit').at(-1)!.query).toEqual({ from: to, to })
  })

  it('says when a member search finds no one or fails', async () => {
    serve(() => ({ items: [], nextCursor: null }), adminOperator, { searchMembers: (c) => (c.query.q === 'x' ? { matchedBy: 'nickname', items: [], nextCursor: null } : fail(500)) })
    const { container } = await renderPage()
    expect(container.querySelector('.console-audit-empty')?.textContent).toContain('暂无操作记录')
    await tap(container.querySelector('.console-audit-member-search'))
    expect(container.querySelector('.console-audit-member-error')?.textContent).toBe('请输入手机号、会员码或昵称')
    fireEvent.change(container.querySelector('.console-audit-member-input')!, { target: { value: 'x' } })
    await tap(container.querySelector('.console-audit-member-search'))
    expect(container.querySelector('.console-audit-member-none')?.textContent).toBe('没有找到会员')
    fireEvent.change(container.querySelector('.console-audit-member-input')!, { target: { value: 'y' } })
    await tap(container.querySelector('.console-audit-member-search'))
    expect(container.querySelector('.console-audit-member-error')?.textContent).toBe('服务暂时不可用，请稍后重试')
  })

  it('shows a failure with a retry', async () => {
    let down = true
    serve(() => (down ? fail(500) : { items: [entry(1)], nextCursor: null }))
    const { container } = await renderPage()
    expect(container.querySelector('.console-audit-error')?.textContent).toContain('操作记录加载失败')
    down = false
    await tap(container.querySelector('.console-audit-retry'))
    expect(container.querySelectorAll('.console-audit-entry')).toHaveLength(1)
  })

  it('gives a manager their store’s staff and no store filter', async () => {
    const api = serve(() => ({ items: [entry(1)], nextCursor: null }), managerOperator)
    const { container } = await renderPage()
    expect(container.querySelector('.console-audit-store')).toBeNull()
    expect(container.querySelector('.console-audit__scope')?.textContent).toBe('仅显示 静安店 的操作记录')
    expect(api.of('listStaff')[0].query).toEqual({ storeId: 'store-1', limit: '100' })
    await tap(container.querySelector(`.console-audit-staff__option--${clerk.id}`))
    expect(api.of('listConsoleAudit').at(-1)!.query).toMatchObject({ staffId: clerk.id })
    expect(api.of('listConsoleAudit').at(-1)!.query).not.toHaveProperty('storeId')
  })
})
