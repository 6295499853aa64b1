import { startWechatStandIn, type WechatStandIn } from './wechat-stand-in'

let now = Date.parse('2026-05-01T00:00:00Z')
let standIn: WechatStandIn
beforeAll(async () => {
  standIn = await startWechatStandIn({ port: 0, appId: 'wx-app', appSecret: 'secret', clock: () => now, tokenGraceMs: 300_000 })
})
afterAll(() => standIn.close())

const getJson = async (path: string, init?: RequestInit): Promise<any> => (await fetch(`${standIn.url}${path}`, init)).json()
const newToken = async (): Promise<string> => (await getJson('/cgi-bin/token?grant_type=client_credential&appid=wx-app&secret=secret')).access_token
const phone = (token: string, code: string) =>
  getJson(`/wxa/business/getuserphonenumber?access_token=${token}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) })

describe('the WeChat stand-in’s access tokens', () => {
  it('keeps the previous token valid for the grace period after a new one is issued, then refuses it with 40001', async () => {
    const first = await newToken()
    expect(await phone(first, 'phone:13900000001')).toMatchObject({ errcode: 0 })
    const second = await newToken()
    now += 299_000
    expect(await phone(first, 'phone:13900000002')).toMatchObject({ errcode: 0 })
    now += 1_000
    expect(await phone(first, 'phone:13900000003')).toMatchObject({ errcode: 40001 })
    expect(await phone(second, 'phone:13900000003')).toMatchObject({ errcode: 0 })
  })

  it('expires the newest token after expires_in (42001) and refuses unknown ones (40001)', async () => {
    const token = await newToken()
    now += 7200_000
    expect(await phone(token, 'phone:13900000004')).toMatchObject({ errcode: 42001 })
    expect(await phone('forged', 'phone:13900000004')).toMatchObject({ errcode: 40001 })
  })

  it('counts token calls, refused ones too', async () => {
    const before = standIn.stats.tokenCalls
    await newToken()
    await getJson('/cgi-bin/token?grant_type=client_credential&appid=wx-app&secret=wrong')
    expect(standIn.stats.tokenCalls - before).toBe(2)
  })
})
