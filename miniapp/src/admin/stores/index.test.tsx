import { act, fireEvent, render } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { resetTaroMock, setCurrentPage } from '../../../test/taro-mock'
import { adminOperator, fail, managerOperator, never, resetConsole, serveRoutes } from '../lib/route-mock'
import StoresConsolePage from './index'

jest.mock('@/components/ui', () => require('../../../test/ui-mock'))

const store = (id: string, name: string, over: object = {}) => ({ storeId: id, name, city: '上海', open: true, createdAt: '2026-01-01T00:00:00.000Z', ...over })
const stores = { items: [store('store-1', '静安店'), store('store-2', '徐汇店', { open: false })] }
const staff = (n: number, over: object = {}) => ({
  person: { id: `m_staff000000${n}`, name: `店员${n}`, phone: `138****000${n}` }, role: 'clerk', store: { id: 'store-1', name: '静安店' },
  disabled: false, since: '2026-03-01T02:00:00.000Z', ...over,
})

type Handlers = Parameters<typeof serveRoutes>[0]
function serve(over: Handlers = {}, me: object = adminOperator) {
  return serveRoutes({
    getConsoleMe: () => me,
    listStores: () => stores,
    listStaff: (c) => ({ items: c.query.storeId === 'store-1' ? [staff(1), staff(2, { role: 'manager', disabled: true })] : [], nextCursor: null }),
    ...over,
  })
}

const texts = (root: Element, selector: string) => Array.from(root.querySelectorAll(selector), (e) => e.textContent)
const type = (root: Element, name: string, value: string) => fireEvent.change(root.querySelector(`.${name}-input`)!, { target: { value } })
const tap = async (el: Element | null) => {
  await act(async () => {
    fireEvent.click(el!)
  })
}

async function renderPage() {
  const view = render(<StoresConsolePage />)
  await act(async () => {})
  return view
}

beforeEach(() => {
  resetTaroMock()
  setCurrentPage('admin/stores/index')
  resetConsole()
})

describe('stores', () => {
  it('shows skeletons while loading', async () => {
    serve({ listStores: () => never() })
    const { container } = await renderPage()
    expect(container.querySelector('.console-stores-loading')).not.toBeNull()
  })

  it('lists stores and the first store’s staff by name, role and state', async () => {
    const api = serve()
    const { container } = await renderPage()
    expect(texts(container, '.console-store-row__name')).toEqual(['静安店', '徐汇店'])
    expect(texts(container, '.console-store-row__status')).toEqual(['营业中', '已停业'])
    expect(api.of('listStaff')[0].query).toEqual({ storeId: 'store-1' })
    expect(texts(container, '.console-staff-row__name')).toEqual(['店员1 · 138****0001', '店员2 · 138****0002'])
    expect(texts(container, '.console-staff-row__role')).toEqual(['店员', '店长'])
    expect(texts(container, '.console-staff-row__disabled')).toEqual(['已停用'])
    expect(texts(container, '.console-staff-row__since')).toEqual(['2026-03-01', '2026-03-01'])

    await tap(container.querySelectorAll('.console-store-row .console-cells')[1])
    expect(api.of('listStaff').at(-1)!.query).toEqual({ storeId: 'store-2' })
    expect(container.querySelector('.console-staff-empty')?.textContent).toContain('这家门店还没有员工')
  })

  it('shows a failure with a retry, for stores and for staff', async () => {
    const down = { stores: true, staff: true }
    serve({ listStores: () => (down.stores ? fail(500) : stores), listStaff: () => (down.staff ? fail(500) : { items: [staff(1)], nextCursor: null }) })
    const { container } = await renderPage()
    expect(container.querySelector('.console-stores-error')?.textContent).toContain('门店加载失败')
    down.stores = false
    await tap(container.querySelector('.console-stores-retry'))
    expect(container.querySelector('.console-staff-error')?.textContent).toContain('员工加载失败')
    down.staff = false
    await tap(container.querySelector('.console-staff-retry'))
    expect(container.querySelectorAll('.console-staff-row')).toHaveLength(1)
  })

  it('says so when there is no store yet', async () => {
    serve({ listStores: () => ({ items: [] }) })
    const { container } = await renderPage()
    expect(container.querySelector('.console-stores-empty')?.textContent).toContain('还没有门店')
  })
})

describe('an admin runs stores', () => {
  it('creates a store after checking its fields', async () => {
    const api = serve({ createStore: (c) => store('pudong-1', '浦东店', c.body as object) })
    const { container } = await renderPage()
    await tap(container.querySelector('.console-store-new'))
    type(container, 'console-store-id', 'Pudong 1')
    await tap(container.querySelector('.console-store-submit'))
    expect(container.querySelector('.console-store-id-error')?.textContent).toContain('小写字母')
    expect(container.querySelector('.console-store-name-error')?.textContent).toBe('请填写门店名称（最多 40 字）')
    expect(api.of('createStore')).toEqual([])

    type(container, 'console-store-id', 'pudong-1')
    type(container, 'console-store-name', '浦东店')
    type(container, 'console-store-city', '上海')
    await tap(container.querySelector('.console-store-submit'))
    expect(api.of('createStore').map((c) => c.body)).toEqual([{ storeId: 'pudong-1', name: '浦东店', city: '上海' }])
    expect(api.of('listStores')).toHaveLength(2)
  })

  it('renames a store, sending only what changed, and closes one after a confirmation', async () => {
    const api = serve({ updateStore: (c) => ({ ...store(c.params.storeId, '静安寺店'), ...(c.body as object) }) })
    const { container } = await renderPage()
    await tap(container.querySelector('.console-store-edit'))
    type(container, 'console-store-edit-name', '静安寺店')
    await tap(container.querySelector('.console-store-save'))
    expect(api.of('updateStore').map((c) => [c.params, c.body])).toEqual([[{ storeId: 'store-1' }, { name: '静安寺店' }]])

    const showModal = Taro.showModal as unknown as jest.Mock
    showModal.mockResolvedValueOnce({ confirm: false, cancel: true })
    await tap(container.querySelector('.console-store-toggle'))
    expect(api.of('updateStore')).toHaveLength(1)
    await tap(container.querySelector('.console-store-toggle'))
    expect(showModal.mock.calls.at(-1)![0].content).toContain('停业后')
    expect(api.of('updateStore').at(-1)!.body).toEqual({ open: false })
    expect(texts(container, '.console-store-toggle')).toEqual(['设为停业', '恢复营业'])
  })

  it('disables and restores staff after a confirmation', async () => {
    const api = serve({ disableStaff: () => ({}), restoreStaff: () => ({}) })
    const { container } = await renderPage()
    await tap(container.querySelector('.console-staff-disable'))
    expect((Taro.showModal as unknown as jest.Mock).mock.calls[0][0].content).toContain('店员1 · 138****0001')
    expect(api.of('disableStaff').map((c) => c.params)).toEqual([{ memberId: 'm_staff0000001' }])
    await tap(container.querySelector('.console-staff-restore'))
    expect(api.of('restoreStaff').map((c) => c.params)).toEqual([{ memberId: 'm_staff0000002' }])
    expect(api.of('listStaff')).toHaveLength(3)
  })

  it('creates a one-time staff invite and shows its code, expiry and QR', async () => {
    const api = serve({ createStaffInvite: (c) => ({ inviteCode: 'AB12CD34', storeId: 'store-1', role: (c.body as { role: string }).role, expiresAt: '2026-11-26T06:30:00.000Z' }) })
    const { container } = await renderPage()
    await tap(container.querySelector('.console-invite-role__option--manager'))
    await tap(container.querySelector('.console-invite-create'))
    expect(api.of('createStaffInvite').map((c) => c.body)).toEqual([{ storeId: 'store-1', role: 'manager' }])
    expect(container.querySelector('.console-invite-code')?.textContent).toBe('AB12CD34')
    expect(container.querySelector('.console-invite-expiry')?.textContent).toBe('仅可使用一次，2026-11-26 14:30 前有效')
    expect(container.querySelector('.console-invite__for')?.textContent).toBe('静安店 · 店长')
    expect(container.querySelectorAll('.console-invite-qr .scan-code__mark').length).toBeGreaterThan(10)
  })
})

describe('a manager', () => {
  it('sees their store and its staff with no editing buttons', async () => {
    const api = serve({ listStores: () => ({ items: [store('store-1', '静安店')] }) }, managerOperator)
    const { container } = await renderPage()
    expect(texts(container, '.console-store-row__name')).toEqual(['静安店'])
    expect(texts(container, '.console-staff-row__name')).toHaveLength(2)
    for (const button of ['.console-store-new', '.console-store-edit', '.console-store-toggle', '.console-staff-disable', '.console-staff-restore', '.console-invite-create']) {
      expect(container.querySelector(button)).toBeNull()
    }
    expect(api.of('listStaff')[0].query).toEqual({ storeId: 'store-1' })
  })
})
