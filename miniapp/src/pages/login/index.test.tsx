import { act, fireEvent, render } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { resetTaroMock, setCurrentPage } from '../../../test/taro-mock'
import LoginPage from './index'

jest.mock('@/components/ui', () => require('../../../test/ui-mock'))

type RequestOptions = { url: string; data?: unknown }
const request = Taro.request as unknown as jest.Mock<Promise<{ statusCode: number; data: unknown }>, [RequestOptions]>

const loginReply = (needsConsent: boolean) =>
  Promise.resolve({
    statusCode: 200,
    data: { token: 'tok', expiresAt: '2030-01-01T00:00:00.000Z', isNew: false, member: { id: 'm_0123456789', nickname: null, needsConsent } },
  })

const originalEnv = process.env.TARO_ENV
beforeEach(() => {
  resetTaroMock()
  setCurrentPage('pages/login/index')
  process.env.TARO_ENV = 'h5'
})
afterEach(() => {
  process.env.TARO_ENV = originalEnv
})

async function click(element: Element) {
  await act(async () => {
    fireEvent.click(element)
  })
}

describe('login page (h5)', () => {
  it('logs in as the typed openid and opens the home page', async () => {
    request.mockImplementation(() => loginReply(false))
    const { container } = render(<LoginPage />)
    const input = container.querySelector('.login-openid') as HTMLInputElement
    expect(input.value).toBe('demo-member-1')
    fireEvent.change(input, { target: { value: 'demo-member-5' } })
    await click(container.querySelector('.login-submit')!)
    expect(request).toHaveBeenCalledWith(expect.objectContaining({ url: '/v1/auth/dev', method: 'POST', data: { openid: 'demo-member-5' } }))
    expect(Taro.getStorageSync('siyu.token')).toBe('tok')
    expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/index/index' })
  })

  it('a quick identity logs in directly; a member without consent goes to the consent page', async () => {
    request.mockImplementation(() => loginReply(true))
    const { container } = render(<LoginPage />)
    await click(container.querySelector('.login-quick--demo-manager-1')!)
    expect(request.mock.calls[0][0].data).toEqual({ openid: 'demo-manager-1' })
    expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/consent/index' })
  })

  it('shows the server message when login is refused', async () => {
    request.mockImplementation(() => Promise.resolve({ statusCode: 400, data: { error: { code: 'request.invalid', message: '请求参数有误：openid 格式不正确' } } }))
    const { container } = render(<LoginPage />)
    await click(container.querySelector('.login-submit')!)
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '请求参数有误：openid 格式不正确' }))
    expect(Taro.reLaunch).not.toHaveBeenCalled()
  })
})
