import Taro from '@tarojs/taro'
import { resetTaroMock } from '../../test/taro-mock'
import { memberCodeCache } from '@/store/member-code-cache'
import { memberStore } from '@/store/member-store'
import { keptInvite } from '@/store/pending-invite'
import { api, bindKeptInviteIfLoggedIn, loginAs, logout } from './index'
import { devIdentity, tokenStore } from './session'

type RequestOptions = { url: string; method?: string; data?: unknown; header?: Record<string, string> }
const request = Taro.request as unknown as jest.Mock<Promise<{ statusCode: number; data: unknown }>, [RequestOptions]>

const member = { id: 'm_0123456789', nickname: '小思', needsConsent: false }
const memberCode = { shortId: '10000001', secret: 'MTIzNDU2Nzg5MDEyMzQ1Njc4OTA', stepSeconds: 30, version: 1 }
const login = (token: string) => ({ statusCode: 200, data: { token, expiresAt: '2030-01-01T00:00:00.000Z', member, isNew: false, memberCode } })

/** A fake API: auth routes issue tokens, GET /v1/me accepts only `valid-token`. */
function fakeServer(o: RequestOptions) {
  if (o.url.endsWith('/v1/auth/dev') || o.url.endsWith('/v1/auth/wechat')) return Promise.resolve(login('valid-token'))
  if (o.header?.authorization !== 'Bearer valid-token') return Promise.resolve({ statusCode: 401, data: { error: { code: 'auth.invalid_token', message: '登录已过期' } } })
  return Promise.resolve({ statusCode: 200, data: member })
}

const originalEnv = process.env.TARO_ENV
beforeEach(() => {
  resetTaroMock()
  memberStore.set(null)
  request.mockImplementation(fakeServer)
})
afterEach(() => {
  process.env.TARO_ENV = originalEnv
})

describe('api (the app instance)', () => {
  it('h5: renews an expired token by dev login with the last used openid', async () => {
    process.env.TARO_ENV = 'h5'
    tokenStore.set('expired-token')
    devIdentity.set('demo-member-7')
    await expect(api.call('getMe')).resolves.toEqual(member)
    const devLogin = request.mock.calls.find(([o]) => o.url.endsWith('/v1/auth/dev'))
    expect(devLogin?.[0].data).toEqual({ openid: 'demo-member-7' })
    expect(Taro.getStorageSync('siyu.token')).toBe('valid-token')
    expect(memberStore.get()).toEqual(member)
  })

  it('h5: without a remembered openid, opens the login page', async () => {
    process.env.TARO_ENV = 'h5'
    await expect(api.call('getMe')).rejects.toMatchObject({ code: 'auth.required' })
    expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/login/index' })
  })

  it('weapp: logs in silently with a Taro.login code', async () => {
    process.env.TARO_ENV = 'weapp'
    await api.call('getMe')
    expect(Taro.login).toHaveBeenCalledTimes(1)
    const wechat = request.mock.calls.find(([o]) => o.url.endsWith('/v1/auth/wechat'))
    expect(wechat?.[0].data).toEqual({ code: 'wx-code' })
  })

  it('weapp: a failed Taro.login is reported, not sent to the server', async () => {
    process.env.TARO_ENV = 'weapp'
    ;(Taro.login as jest.Mock).mockImplementation(() => Promise.reject({ errMsg: 'login:fail' }))
    await expect(api.call('getMe')).rejects.toMatchObject({ code: 'wechat.login_failed', message: '微信登录失败，请稍后重试' })
    expect(request).not.toHaveBeenCalled()
  })

  it('loginAs remembers the identity and the member-code secret; logout forgets them and shows the login page', async () => {
    process.env.TARO_ENV = 'h5'
    await loginAs('demo-clerk-1')
    expect(devIdentity.get()).toBe('demo-clerk-1')
    expect(tokenStore.get()).toBe('valid-token')
    expect(memberCodeCache.get()).toEqual(memberCode)
    logout()
    expect(devIdentity.get()).toBeNull()
    expect(tokenStore.get()).toBeNull()
    expect(memberCodeCache.get()).toBeNull()
    expect(memberStore.get()).toBeNull()
    expect(Taro.reLaunch).toHaveBeenLastCalledWith({ url: '/pages/login/index' })
  })

  describe('an invite kept from a share link', () => {
    const kept = { code: 'AB12CD34', seenAt: new Date(Date.now() - 60_000).toISOString(), ticket: 'head.payload.sig' }
    const binds = () => request.mock.calls.filter(([o]) => o.url.endsWith('/v1/referrals/bind'))
    const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

    beforeEach(() => {
      keptInvite.set(kept)
      request.mockImplementation((o) =>
        o.url.endsWith('/v1/referrals/bind')
          ? Promise.resolve({ statusCode: 200, data: { referrer: { nickname: null }, status: 'joined', unrewardedReason: null, boundAt: kept.seenAt, replayed: false } })
          : fakeServer(o),
      )
    })

    it('is bound right after a login, with the token of that login', async () => {
      process.env.TARO_ENV = 'h5'
      await loginAs('browser-newcomer')
      await settle()
      expect(binds().map(([o]) => [o.data, o.header?.authorization])).toEqual([[{ inviteCode: 'AB12CD34', ticket: kept.ticket }, 'Bearer valid-token']])
      expect(keptInvite.get()).toBeNull()
    })

    it('is bound when the app opens with a session, and waits for a login without one', async () => {
      bindKeptInviteIfLoggedIn()
      await settle()
      expect(binds()).toHaveLength(0)
      expect(Taro.reLaunch).not.toHaveBeenCalled()
      tokenStore.set('valid-token')
      bindKeptInviteIfLoggedIn()
      await settle()
      expect(binds()).toHaveLength(1)
    })
  })
})
