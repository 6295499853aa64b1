import { startWechatStandIn, type WechatStandIn } from '../../../scripts/lib/wechat-stand-in'
import { createWechatClient } from './client'

let standIn: WechatStandIn
beforeAll(async () => {
  standIn = await startWechatStandIn({ port: 0, appId: 'wx-app', appSecret: 'secret' })
})
afterAll(() => standIn.close())

const client = (overrides: Partial<Parameters<typeof createWechatClient>[0]> = {}) =>
  createWechatClient({ baseUrl: standIn.url, appId: 'wx-app', appSecret: 'secret', clock: () => new Date(), ...overrides })

describe('WeChat client against the stand-in', () => {
  it('exchanges a login code for the openid and unionid', async () => {
    expect(await client().code2session('test:o-user')).toEqual({ openid: 'o-user', unionid: expect.stringMatching(/^u/) })
  })

  it('refuses a used or invalid code with a typed error', async () => {
    const c = client()
    await c.code2session('test:once')
    await expect(c.code2session('test:once')).rejects.toMatchObject({ code: 'auth.wechat_code_invalid' })
    await expect(c.code2session('invalid')).rejects.toMatchObject({ code: 'auth.wechat_code_invalid' })
  })

  it('reports wrong app credentials as WeChat unavailable, not as the user’s fault', async () => {
    await expect(client({ appSecret: 'wrong' }).code2session('test:x')).rejects.toMatchObject({ code: 'wechat.unavailable' })
  })

  it('fetches an access token once and reads the phone number', async () => {
    const calls: string[] = []
    const counting: typeof fetch = (input, init) => {
      calls.push(new URL(String(input)).pathname)
      return fetch(input, init)
    }
    const c = client({ fetch: counting })
    expect(await c.getPhoneNumber('phone:13912345678')).toEqual({ phoneNumber: '13912345678', countryCode: '86' })
    await c.getPhoneNumber('phone:13700000000')
    expect(calls.filter((p) => p === '/cgi-bin/token')).toHaveLength(1)
  })

  it('times out instead of hanging when WeChat does not answer', async () => {
    const hanging: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal!.reason)))
    await expect(client({ fetch: hanging, timeoutMs: 50 }).code2session('test:slow')).rejects.toMatchObject({ code: 'wechat.unavailable' })
  })
})
