import { act, fireEvent, render } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { resetTaroMock, setCurrentPage } from '../../../test/taro-mock'
import { memberStore } from '@/store/member-store'
import ProfilePage from './index'

jest.mock('@/components/ui', () => require('../../../test/ui-mock'))

type RequestOptions = { url: string; method?: string; data?: Record<string, unknown> }
const request = Taro.request as unknown as jest.Mock<Promise<{ statusCode: number; data: unknown }>, [RequestOptions]>

const base = {
  id: 'm_0123456789', nickname: '小思', avatarUrl: null, birthday: null as string | null, phone: '138****0000',
  roles: ['member', 'manager'], storeId: 'store-1', consents: null, needsConsent: false, createdAt: '2026-11-01T00:00:00.000Z',
}

function serve(member: typeof base) {
  request.mockImplementation((o) => {
    if (o.method === 'POST' && o.url.endsWith('/v1/me')) return Promise.resolve({ statusCode: 200, data: { ...member, ...o.data } })
    return Promise.resolve({ statusCode: 200, data: member })
  })
}

async function renderPage() {
  const view = render(<ProfilePage />)
  await act(async () => {})
  return view
}

beforeEach(() => {
  resetTaroMock()
  setCurrentPage('pages/profile/index')
  memberStore.set(null)
  Taro.setStorageSync('siyu.token', 'tok')
})

describe('profile page', () => {
  it('shows nickname, masked phone and staff role', async () => {
    serve(base)
    const { container } = await renderPage()
    expect(container.querySelector('.profile-nickname')?.textContent).toBe('小思')
    expect(container.querySelector('.profile-phone')?.textContent).toBe('138****0000')
    expect(container.querySelector('.profile-role')?.textContent).toBe('店长')
  })

  it('offers staff the workbench, and plain members not', async () => {
    serve(base)
    const { container, unmount } = await renderPage()
    expect(container.querySelector('.profile-staff')?.textContent).toContain('员工工作台')
    await act(async () => {
      fireEvent.click(container.querySelector('.profile-staff')!)
    })
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/staff/index/index' })
    unmount()
    memberStore.set(null)
    serve({ ...base, roles: ['member'] })
    const member = await renderPage()
    expect(member.container.querySelector('.profile-points')).not.toBeNull()
    expect(member.container.querySelector('.profile-staff')).toBeNull()
  })

  it.each([
    ['a manager', ['member', 'manager'], true],
    ['a brand admin', ['member', 'admin'], true],
    ['a clerk', ['member', 'clerk'], false],
    ['a plain member', ['member'], false],
  ])('offers %s the brand console: %s', async (_, roles, shown) => {
    serve({ ...base, roles })
    const { container } = await renderPage()
    const row = container.querySelector('.profile-console')
    expect(row !== null).toBe(shown)
    if (!row) return
    expect(row.textContent).toContain('品牌后台')
    await act(async () => {
      fireEvent.click(row)
    })
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/admin/index/index' })
  })

  it('saves a new nickname and a first birthday', async () => {
    serve(base)
    const { container } = await renderPage()
    fireEvent.change(container.querySelector('.profile-nickname-input')!, { target: { value: '思思' } })
    fireEvent.change(container.querySelector('.profile-birthday-picker input')!, { target: { value: '1990-05-01' } })
    await act(async () => {
      fireEvent.click(container.querySelector('.profile-save')!)
    })
    const patch = request.mock.calls.find(([o]) => o.method === 'POST' && o.url.endsWith('/v1/me'))
    expect(patch?.[0].data).toEqual({ nickname: '思思', birthday: '1990-05-01' })
    expect(container.querySelector('.profile-nickname')?.textContent).toBe('思思')
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已保存' }))
  })

  it('keeps what the member typed when the profile reloads unchanged', async () => {
    serve(base)
    const { container } = await renderPage()
    const input = container.querySelector('.profile-nickname-input') as HTMLInputElement
    fireEvent.change(input, { target: { value: '思思' } })
    // A refresh (the page shows again, another tab reloads /v1/me) brings an equal member.
    await act(async () => memberStore.set({ ...base } as never))
    expect(input.value).toBe('思思')
  })

  it('locks a birthday that is already set', async () => {
    serve({ ...base, birthday: '1990-05-01' })
    const { container } = await renderPage()
    expect((container.querySelector('.profile-birthday-picker input') as HTMLInputElement).disabled).toBe(true)
    expect(container.querySelector('.profile-birthday-hint')?.textContent).toBe('生日设置后不可修改')
  })

  it('sends a member who has not accepted the privacy policy to the consent page', async () => {
    serve({ ...base, needsConsent: true })
    await renderPage()
    expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/consent/index' })
  })
})
