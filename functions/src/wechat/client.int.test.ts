import { randomBytes, randomUUID } from 'node:crypto'
import { startWechatStandIn, type WechatStandIn } from '../../../scripts/lib/wechat-stand-in'
import { useIntegrationEnv } from '../../../test/integration'
import { getDeps } from '../lib/deps'
import { createWechatClient } from './client'

useIntegrationEnv()

/** Stand-in and client time, driven by the tests. */
let now = Date.parse('2026-05-01T00:00:00Z')
const clock = () => new Date(now)
const sealKey = randomBytes(32)

let standIn: WechatStandIn
let appId: string
beforeEach(async () => {
  // A fresh app per test: its own token item in the table and its own stand-in with its own counters.
  appId = `wx-${randomUUID().slice(0, 8)}`
  standIn = await startWechatStandIn({ port: 0, appId, appSecret: 'secret', clock: () => now })
})
afterEach(() => standIn.close())

/** One client = one Lambda container: its own memory, the shared table. */
const container = (overrides: Partial<Parameters<typeof createWechatClient>[0]> = {}) =>
  createWechatClient({ baseUrl: standIn.url, appId, appSecret: 'secret', clock, store: { table: getDeps().table, sealKey }, tokenTiming: { pollMs: 10 }, ...overrides })

let phoneSeq = 0
const phoneCode = () => `phone:139${String(phoneSeq++).padStart(8, '0')}`
const phoneOf = (code: string) => code.slice(6)

describe('WeChat client against the stand-in', () => {
  it('exchanges a login code for the openid and unionid', async () => {
    expect(await container().code2session('test:o-user')).toEqual({ openid: 'o-user', unionid: expect.stringMatching(/^u/) })
  })

  it('refuses a used or invalid code with a typed error', async () => {
    const c = container()
    await c.code2session('test:once')
    await expect(c.code2session('test:once')).rejects.toMatchObject({ code: 'auth.wechat_code_invalid' })
    await expect(c.code2session('invalid')).rejects.toMatchObject({ code: 'auth.wechat_code_invalid' })
  })

  it('reports wrong app credentials as WeChat unavailable, not as the user’s fault', async () => {
    await expect(container({ appSecret: 'wrong' }).code2session('test:x')).rejects.toMatchObject({ code: 'wechat.unavailable' })
  })

  it('reads the phone number with the access token', async () => {
    const code = phoneCode()
    expect(await container().getPhoneNumber(code)).toEqual({ phoneNumber: phoneOf(code), countryCode: '86' })
  })

  it('times out instead of hanging when WeChat does not answer', async () => {
    const hanging: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal!.reason)))
    await expect(container({ fetch: hanging, timeoutMs: 50 }).code2session('test:slow')).rejects.toMatchObject({ code: 'wechat.unavailable' })
  })
})

describe('one access token shared by every container', () => {
  it('fetches one token for many concurrent calls across several containers', async () => {
    const containers = Array.from({ length: 4 }, () => container())
    const codes = Array.from({ length: 20 }, phoneCode)
    const phones = await Promise.all(codes.map((code, i) => containers[i % 4]!.getPhoneNumber(code)))
    expect(phones.map((p) => p.phoneNumber)).toEqual(codes.map(phoneOf))
    expect(standIn.stats.tokenCalls).toBe(1)
    // New containers (a cold start) use the stored token too.
    await container().getPhoneNumber(phoneCode())
    expect(standIn.stats.tokenCalls).toBe(1)
  })

  it('keeps working past WeChat’s grace period: no container’s token is invalidated by another’s', async () => {
    const [a, b] = [container(), container()]
    await a.getPhoneNumber(phoneCode())
    now += 6 * 60_000
    await b.getPhoneNumber(phoneCode())
    now += 6 * 60_000
    await expect(a.getPhoneNumber(phoneCode())).resolves.toMatchObject({ countryCode: '86' })
    expect(standIn.stats.tokenCalls).toBe(1)
  })

  it('refreshes ahead of expiry: the first caller to find it due fetches, the others use the stored one', async () => {
    const containers = Array.from({ length: 3 }, () => container())
    await containers[0]!.getPhoneNumber(phoneCode())
    now += (7200 - 9 * 60) * 1000 // inside the last 10 minutes: due, still valid
    await Promise.all(Array.from({ length: 9 }, (_, i) => containers[i % 3]!.getPhoneNumber(phoneCode())))
    expect(standIn.stats.tokenCalls).toBe(2)
    now += 6 * 60_000 // past the old token's grace: everyone is on the new one
    await Promise.all(containers.map((c) => c.getPhoneNumber(phoneCode())))
    expect(standIn.stats.tokenCalls).toBe(2)
  })

  it('replaces a token WeChat refuses (40001) once, under the lease, for all concurrent callers', async () => {
    const containers = Array.from({ length: 3 }, () => container())
    await Promise.all(containers.map((c) => c.getPhoneNumber(phoneCode())))
    // Someone else (an old deployment, a tool) fetches a token: ours dies after the grace period.
    await fetch(`${standIn.url}/cgi-bin/token?grant_type=client_credential&appid=${appId}&secret=secret`)
    now += 5 * 60_000
    const codes = Array.from({ length: 9 }, phoneCode)
    const phones = await Promise.all(codes.map((code, i) => containers[i % 3]!.getPhoneNumber(code)))
    expect(phones.map((p) => p.phoneNumber)).toEqual(codes.map(phoneOf))
    expect(standIn.stats.tokenCalls).toBe(3)
  })

  it('gives the lease back when WeChat refuses the token request, so the next caller can fetch at once', async () => {
    await expect(container({ appSecret: 'wrong' }).getPhoneNumber(phoneCode())).rejects.toMatchObject({ code: 'wechat.unavailable' })
    await expect(container().getPhoneNumber(phoneCode())).resolves.toMatchObject({ countryCode: '86' })
    expect(standIn.stats.tokenCalls).toBe(2)
  })

  it('keeps serving the current token when an early refresh fails, and tries again only after a back-off', async () => {
    await container().getPhoneNumber(phoneCode())
    now += (7200 - 9 * 60) * 1000
    const broken = container({ appSecret: 'wrong' })
    await expect(broken.getPhoneNumber(phoneCode())).resolves.toMatchObject({ countryCode: '86' })
    await expect(broken.getPhoneNumber(phoneCode())).resolves.toMatchObject({ countryCode: '86' })
    expect(standIn.stats.tokenCalls).toBe(2)
    now += 10_000
    await container().getPhoneNumber(phoneCode())
    expect(standIn.stats.tokenCalls).toBe(3)
  })

  it('keeps the token sealed in the table', async () => {
    const fetched: string[] = []
    const spying: typeof fetch = async (input, init) => {
      const res = await fetch(input, init)
      if (new URL(String(input)).pathname === '/cgi-bin/token') fetched.push(((await res.clone().json()) as { access_token: string }).access_token)
      return res
    }
    await container({ fetch: spying }).getPhoneNumber(phoneCode())
    const { GetCommand } = await import('@aws-sdk/lib-dynamodb')
    const { Item } = await getDeps().table.db.send(new GetCommand({ TableName: getDeps().table.name, Key: { pk: `WECHAT#${appId}`, sk: 'ACCESSTOKEN' } }))
    expect(fetched).toHaveLength(1)
    expect(JSON.stringify(Item)).not.toContain(fetched[0])
  })
})
