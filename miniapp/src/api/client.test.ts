import Taro from '@tarojs/taro'
import { resetTaroMock } from '../../test/taro-mock'
import { buildPath, buildQuery, createApiClient, type ClientOptions, type LoginResult } from './client'
import { ApiError, messageFor } from './errors'

type RequestOptions = { url: string; method?: string; data?: unknown; header?: Record<string, string> }
const request = Taro.request as unknown as jest.Mock<Promise<{ statusCode: number; data: unknown }>, [RequestOptions]>

const member = { id: 'm_0123456789', nickname: '小思', needsConsent: false }
const loginResult = (token: string) => ({ token, expiresAt: '2030-01-01T00:00:00.000Z', member, isNew: false }) as unknown as LoginResult
const reply = (statusCode: number, data: unknown = null) => Promise.resolve({ statusCode, data })
const errorBody = (code: string, message: string) => ({ error: { code, message } })

function memoryTokens(initial: string | null = null) {
  let token = initial
  return { get: () => token, set: (t: string) => void (token = t), clear: () => void (token = null) }
}

function setup(overrides: Partial<ClientOptions> = {}) {
  const tokens = overrides.tokens ?? memoryTokens('old-token')
  const login = jest.fn(() => Promise.resolve<LoginResult | null>(loginResult('new-token')))
  const onLoginRequired = jest.fn()
  const onConsentRequired = jest.fn()
  const api = createApiClient({ baseUrl: 'http://api.test', login, onLoginRequired, onConsentRequired, ...overrides, tokens })
  return { api, tokens, login, onLoginRequired, onConsentRequired }
}

beforeEach(() => resetTaroMock())

describe('buildPath', () => {
  it.each([
    ['/v1/me', undefined, '/v1/me'],
    ['/v1/coupons/{id}', { id: 'c 1' }, '/v1/coupons/c%201'],
    ['/v1/stores/{storeId}/members/{memberId}', { storeId: 's1', memberId: 'm_1' }, '/v1/stores/s1/members/m_1'],
  ])('fills %s with %j', (template, params, expected) => {
    expect(buildPath(template, params)).toBe(expected)
  })

  it('refuses a missing parameter rather than calling a wrong URL', () => {
    expect(() => buildPath('/v1/coupons/{id}', {})).toThrow('Missing path parameter "id"')
  })
})

describe('buildQuery', () => {
  it.each([
    [undefined, ''],
    [{}, ''],
    [{ limit: 20, cursor: undefined, q: null }, '?limit=20'],
    [{ q: '张 三&', status: ['active', 'used'] }, '?q=%E5%BC%A0%20%E4%B8%89%26&status=active&status=used'],
  ])('builds %j as %s', (query, expected) => {
    expect(buildQuery(query)).toBe(expected)
  })
})

describe('createApiClient', () => {
  it('sends method, URL, JSON body and the bearer token of the route', async () => {
    const { api } = setup()
    request.mockImplementation(() => reply(200, member))
    await expect(api.call('updateMe', { body: { nickname: '小思' } })).resolves.toEqual(member)
    expect(request).toHaveBeenCalledTimes(1)
    const sent = request.mock.calls[0][0]
    expect(sent).toMatchObject({ url: 'http://api.test/v1/me', method: 'POST', data: { nickname: '小思' } }) // PATCH is sent as POST (wx.request has no PATCH)
    expect(sent.header).toMatchObject({ authorization: 'Bearer old-token', 'content-type': 'application/json' })
  })

  it('sends the headers a route declares, and the same ones again on the retry after a 401', async () => {
    const { api } = setup()
    const claimed = { coupon: { code: '123456789012345678' }, replayed: false }
    request.mockImplementationOnce(() => reply(401, errorBody('auth.invalid_token', '登录已过期'))).mockImplementationOnce(() => reply(200, claimed))
    await expect(api.call('claimCoupon', { params: { id: 'ct_0123456789' }, headers: { 'Idempotency-Key': 'tap-0123456789' } })).resolves.toEqual(claimed)
    expect(request.mock.calls.map(([o]) => o.url)).toEqual(['http://api.test/v1/coupon-templates/ct_0123456789/claim', 'http://api.test/v1/coupon-templates/ct_0123456789/claim'])
    // A retry of the same call is the same action: the server must see the same key.
    expect(request.mock.calls.map(([o]) => o.header)).toEqual([
      { 'Idempotency-Key': 'tap-0123456789', 'content-type': 'application/json', authorization: 'Bearer old-token' },
      { 'Idempotency-Key': 'tap-0123456789', 'content-type': 'application/json', authorization: 'Bearer new-token' },
    ])
  })

  it('leaves an unset optional header out, and lets headers only on routes that declare them', async () => {
    const { api } = setup()
    request.mockImplementation(() => reply(200, member))
    await api.call('exchangeCoupon', { params: { id: 'ct_0123456789' }, headers: {} })
    expect(Object.keys(request.mock.calls[0][0].header ?? {}).sort()).toEqual(['authorization', 'content-type'])
    // @ts-expect-error getMe declares no headers: the contract, not the caller, decides what a route reads.
    await api.call('getMe', { headers: { 'Idempotency-Key': 'x' } })
  })

  it('sends no token to public routes', async () => {
    const { api, login } = setup({ tokens: memoryTokens(null) })
    request.mockImplementation(() => reply(200, { version: 1 }))
    await api.call('getProgram')
    expect(request.mock.calls[0][0].header).not.toHaveProperty('authorization')
    expect(login).not.toHaveBeenCalled()
  })

  it('logs in first when there is no token yet', async () => {
    const { api, tokens, login } = setup({ tokens: memoryTokens(null) })
    request.mockImplementation(() => reply(200, member))
    await api.call('getMe')
    expect(login).toHaveBeenCalledTimes(1)
    expect(tokens.get()).toBe('new-token')
    expect(request.mock.calls[0][0].header?.authorization).toBe('Bearer new-token')
  })

  it('on a 401 logs in again once and retries with the new token', async () => {
    const { api, tokens, login } = setup()
    request.mockImplementationOnce(() => reply(401, errorBody('auth.invalid_token', '登录已过期'))).mockImplementationOnce(() => reply(200, member))
    await expect(api.call('getMe')).resolves.toEqual(member)
    expect(login).toHaveBeenCalledTimes(1)
    expect(request.mock.calls.map(([o]) => o.header?.authorization)).toEqual(['Bearer old-token', 'Bearer new-token'])
    expect(tokens.get()).toBe('new-token')
  })

  it('retries only once: a second 401 is thrown', async () => {
    const { api, login } = setup()
    request.mockImplementation(() => reply(401, errorBody('auth.invalid_token', '登录已过期')))
    await expect(api.call('getMe')).rejects.toMatchObject({ code: 'auth.invalid_token', status: 401 })
    expect(login).toHaveBeenCalledTimes(1)
    expect(request).toHaveBeenCalledTimes(2)
  })

  it('shares one login between concurrent 401s', async () => {
    const { api, login } = setup()
    request.mockImplementation((o) => (o.header?.authorization === 'Bearer old-token' ? reply(401) : reply(200, member)))
    await Promise.all([api.call('getMe'), api.call('getMe'), api.call('getMe')])
    expect(login).toHaveBeenCalledTimes(1)
  })

  it('sends the user to log in when no silent login is possible (h5 without identity)', async () => {
    const { api, onLoginRequired } = setup({ tokens: memoryTokens(null), login: jest.fn(() => Promise.resolve(null)) })
    await expect(api.call('getMe')).rejects.toMatchObject({ code: 'auth.required', status: 401 })
    expect(onLoginRequired).toHaveBeenCalled()
    expect(request).not.toHaveBeenCalled()
  })

  it.each([
    [409, errorBody('member.birthday_locked', '生日设置后不可修改'), 'member.birthday_locked', '生日设置后不可修改'],
    [400, { error: { code: 'request.invalid', message: '请求参数有误：昵称不能为空', details: [] } }, 'request.invalid', '请求参数有误：昵称不能为空'],
    [502, '<html>Bad Gateway</html>', 'server.unavailable', '服务暂时不可用，请稍后重试'],
    [429, null, 'http.429', '操作太频繁，请稍后再试'],
    [422, errorBody('checkin.makeup_limit', '本月补签次数已用完（每月 2 次）'), 'checkin.makeup_limit', '本月补签次数已用完（每月 2 次）'],
    [422, { error: { code: 'checkin.makeup_limit' } }, 'checkin.makeup_limit', '本月补签次数已用完'],
  ])('maps a %i response to ApiError', async (status, body, code, message) => {
    const { api } = setup()
    request.mockImplementation(() => reply(status, body))
    const error = await api.call('getMe').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ code, status })
    expect(messageFor(error)).toBe(message)
  })

  it('reports a network failure in Chinese', async () => {
    const { api } = setup()
    request.mockImplementation(() => Promise.reject(new TypeError('Failed to fetch')))
    const error = await api.call('getMe').catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'network.failed', status: 0, message: '网络异常，请稍后重试' })
  })

  it('sends a member who must accept the privacy policy to the consent page', async () => {
    const { api, onConsentRequired } = setup()
    request.mockImplementation(() => reply(403, errorBody('member.consent_required', '请先阅读并同意隐私政策')))
    await expect(api.call('updateMe', { body: { nickname: 'x' } })).rejects.toMatchObject({ code: 'member.consent_required' })
    expect(onConsentRequired).toHaveBeenCalledTimes(1)
  })
})
