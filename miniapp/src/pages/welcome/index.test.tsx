import { act, fireEvent, render } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { keptInvite } from '@/store/pending-invite'
import { forgetProgram } from '@/store/program'
import { resetTaroMock, setCurrentPage, setRouterParams } from '../../../test/taro-mock'
import WelcomePage from './index'

jest.mock('@/components/ui', () => require('../../../test/ui-mock'))

type RequestOptions = { url: string; method?: string; data?: unknown }
type Reply = { statusCode: number; data: unknown }
const request = Taro.request as unknown as jest.Mock<Promise<Reply>, [RequestOptions]>

const program = {
  version: 1,
  brand: { name: '思域会员' },
  points: { expiryMonths: 12, returnWindowDays: 7, expiringSoonDays: 30 },
  referrals: { referrerPoints: 100, inviteePoints: 50, qualifyingFen: 5000, qualifyWithinDays: 30, attributionDays: 7 },
}
const ok = (data: unknown): Promise<Reply> => Promise.resolve({ statusCode: 200, data })
const TICKET = 'head.payload.sig'

/** A fake API for a visitor with no session: only the public program (and logins) answer. */
function serve(programReply: () => Promise<Reply> = () => ok(program)) {
  request.mockImplementation((o) => {
    const path = new URL(o.url, 'http://x').pathname
    if (path === '/v1/program') return programReply()
    if (path === '/v1/referrals/opens') return ok({ inviteCode: 'AB12CD34', ticket: TICKET, openedAt: new Date().toISOString(), expiresAt: new Date().toISOString() })
    if (path === '/v1/auth/wechat') return ok({ token: 'tok', expiresAt: '2030-01-01T00:00:00.000Z', isNew: true, member: { id: 'm_1', nickname: null, needsConsent: true } })
    if (path === '/v1/me') return ok({ id: 'm_1', nickname: null, needsConsent: true })
    if (path === '/v1/referrals/bind') return ok({ referrer: { nickname: '小思' }, status: 'joined', unrewardedReason: null, boundAt: new Date().toISOString(), replayed: false })
    return Promise.reject(new Error(`unexpected ${o.url}`))
  })
}

async function renderPage() {
  const view = render(<WelcomePage />)
  await act(async () => {})
  return view
}

const text = (root: Element, selector: string) => root.querySelector(selector)?.textContent

const originalEnv = process.env.TARO_ENV
beforeEach(() => {
  resetTaroMock()
  forgetProgram()
  setCurrentPage('pages/welcome/index')
  setRouterParams({ invite: 'ab12cd34' })
  process.env.TARO_ENV = 'h5'
})
afterEach(() => {
  process.env.TARO_ENV = originalEnv
})

describe('welcome page', () => {
  it('tells a newcomer what the first purchase brings, from the public rules, without a login (asking only for the rules and the open’s ticket)', async () => {
    serve()
    const { container } = await renderPage()
    expect(text(container, '.welcome-brand')).toBe('思域会员')
    expect(text(container, '.welcome-reward')).toBe('完成首单满 50 元，你得 50 积分，好友得 100 积分')
    expect(text(container, '.welcome-rules')).toBe('打开邀请后 7 天内注册、注册后 30 天内完成首单有效，积分在 7 天退货期后到账')
    expect(text(container, '.welcome-code')).toBe('邀请码 AB12CD34')
    expect(request.mock.calls.map(([o]) => new URL(o.url, 'http://x').pathname).sort()).toEqual(['/v1/program', '/v1/referrals/opens'])
  })

  it('keeps the invite code it was opened with and the server’s ticket of that open', async () => {
    serve()
    await renderPage()
    expect(keptInvite.get()).toMatchObject({ code: 'AB12CD34', ticket: TICKET })
    const open = request.mock.calls.find(([o]) => o.url.endsWith('/v1/referrals/opens'))
    expect(open?.[0]).toMatchObject({ method: 'POST', data: { inviteCode: 'AB12CD34' } })
  })

  it('h5: 立即加入 opens the login page', async () => {
    serve()
    const { container } = await renderPage()
    await act(async () => {
      fireEvent.click(container.querySelector('.welcome-join')!)
    })
    expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/login/index' })
  })

  it('weapp: 立即加入 logs in silently, binds the kept code and asks a new member for consent', async () => {
    process.env.TARO_ENV = 'weapp'
    serve()
    const { container } = await renderPage()
    await act(async () => {
      fireEvent.click(container.querySelector('.welcome-join')!)
    })
    await act(async () => {})
    const bind = request.mock.calls.find(([o]) => o.url.endsWith('/v1/referrals/bind'))
    expect(bind?.[0].data).toEqual({ inviteCode: 'AB12CD34', ticket: TICKET })
    expect(keptInvite.get()).toBeNull()
    expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/consent/index' })
  })

  it('without a code it still welcomes, and promises no invite reward', async () => {
    setRouterParams({})
    serve()
    const { container } = await renderPage()
    expect(text(container, '.welcome-card__title')).toBe('欢迎加入会员')
    expect(container.querySelector('.welcome-reward')).toBeNull()
    expect(keptInvite.get()).toBeNull()
  })

  it('shows rules that failed to load with a retry, and still offers 立即加入', async () => {
    let fail = true
    serve(() => (fail ? Promise.resolve({ statusCode: 500, data: { error: { code: 'internal', message: 'boom' } } }) : ok(program)))
    const { container } = await renderPage()
    expect(text(container, '.welcome-error__text')).toBe('活动规则加载失败：服务暂时不可用，请稍后重试')
    expect(container.querySelector('.welcome-join')).not.toBeNull()
    fail = false
    await act(async () => {
      fireEvent.click(container.querySelector('.welcome-retry')!)
    })
    expect(text(container, '.welcome-reward')).toBe('完成首单满 50 元，你得 50 积分，好友得 100 积分')
  })
})
