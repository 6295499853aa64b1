import { act, fireEvent, render } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { resetTaroMock, setCurrentPage } from '../../../test/taro-mock'
import ConsentPage from './index'

jest.mock('@/components/ui', () => require('../../../test/ui-mock'))

type RequestOptions = { url: string; method?: string; data?: unknown }
const request = Taro.request as unknown as jest.Mock<Promise<{ statusCode: number; data: unknown }>, [RequestOptions]>

const program = {
  version: 3,
  brand: { name: '思域会员' },
  privacy: { policyVersion: '2026-11-01', policyUrl: '/pages/privacy/index' },
  checkin: { basePoints: 10 },
  earning: { pointsPerYuan: 1 },
}

beforeEach(() => {
  resetTaroMock()
  setCurrentPage('pages/consent/index')
  Taro.setStorageSync('siyu.token', 'tok')
  request.mockImplementation((o) =>
    Promise.resolve(o.url.endsWith('/v1/program') ? { statusCode: 200, data: program } : { statusCode: 200, data: { id: 'm_0123456789', needsConsent: false } }),
  )
})

async function renderPage() {
  const view = render(<ConsentPage />)
  await act(async () => {})
  return view
}

describe('consent page', () => {
  it('shows the policy version and sends it with the chosen opt-ins', async () => {
    const { container } = await renderPage()
    expect(container.querySelector('.consent-version')?.textContent).toContain('2026-11-01')
    fireEvent.click(container.querySelector('.consent-personalisation')!)
    await act(async () => {
      fireEvent.click(container.querySelector('.consent-accept')!)
    })
    const put = request.mock.calls.find(([o]) => o.method === 'PUT')
    expect(put?.[0]).toMatchObject({ url: '/v1/me/consents', data: { privacyPolicyVersion: '2026-11-01', marketing: false, personalisation: true } })
    expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/index/index' })
  })

  it('declining explains that the program cannot be used, and sends nothing', async () => {
    const { container } = await renderPage()
    fireEvent.click(container.querySelector('.consent-decline')!)
    expect(container.querySelector('.consent-declined')?.textContent).toContain('需要您同意隐私政策')
    expect(Taro.showModal).toHaveBeenCalled()
    expect(request.mock.calls.some(([o]) => o.method === 'PUT')).toBe(false)
  })
})
