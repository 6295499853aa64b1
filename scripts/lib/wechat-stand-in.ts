import { createHash, randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'

/**
 * Local stand-in for WeChat's server API (WeChat cannot be reached from here). It speaks the
 * real wire format of the endpoints the backend uses, so the backend's real HTTP client runs
 * against it unchanged.
 *
 * Test conventions: login code `test:<openid>` logs in as that openid (any other code maps to a
 * stable openid derived from it); phone code `phone:<11 digits>` yields that number; code
 * `invalid` is rejected; every code works once, like WeChat's.
 *
 * Access tokens behave like WeChat's `/cgi-bin/token`: each lives `expires_in` (7200 s), and
 * issuing a new one invalidates the previous one after a grace period (WeChat: 5 minutes), so a
 * backend that fetches one per container breaks here as it would in production.
 */
export interface WechatStandIn {
  url: string
  port: number
  /** Subscribe messages "sent" so far, for tests and the demo. */
  messages: unknown[]
  /** Calls so far, for tests: `tokenCalls` counts `/cgi-bin/token` requests (each spends WeChat's daily quota). */
  stats: { tokenCalls: number }
  close(): Promise<void>
}

export interface WechatStandInOptions {
  port: number
  appId: string
  appSecret: string
  /** The stand-in's time in ms (default: the real clock), so tests drive expiry and grace. */
  clock?: () => number
  /** How long a token stays valid after a newer one is issued (default 5 minutes, as WeChat). */
  tokenGraceMs?: number
  /** `expires_in` of a new token (default 7200 s). */
  tokenTtlSeconds?: number
}

const stableOpenid = (code: string) => `o${createHash('sha256').update(code).digest('base64url').slice(0, 27)}`
const unionidFor = (openid: string) => `u${createHash('sha256').update(`union:${openid}`).digest('base64url').slice(0, 27)}`

export function startWechatStandIn(opts: WechatStandInOptions): Promise<WechatStandIn> {
  const usedCodes = new Set<string>()
  const messages: unknown[] = []
  const stats = { tokenCalls: 0 }
  const tokens = accessTokens(opts)

  const send = (res: ServerResponse, body: unknown) => {
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(JSON.stringify(body))
  }
  const readJson = async (req: IncomingMessage): Promise<any> => {
    let raw = ''
    for await (const chunk of req) raw += chunk
    try {
      return JSON.parse(raw || '{}')
    } catch {
      return {}
    }
  }
  const takeCode = (code: unknown): { errcode: number; errmsg: string } | undefined => {
    if (typeof code !== 'string' || !code || code === 'invalid') return { errcode: 40029, errmsg: 'invalid code' }
    if (usedCodes.has(code)) return { errcode: 40163, errmsg: 'code been used' }
    usedCodes.add(code)
    return undefined
  }

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://stand-in')
    const q = url.searchParams
    const credentialsOk = q.get('appid') === opts.appId && q.get('secret') === opts.appSecret
    const tokenRefusal = tokens.refusal(q.get('access_token') ?? '')
    switch (`${req.method} ${url.pathname}`) {
      case 'GET /sns/jscode2session': {
        if (!credentialsOk) return send(res, { errcode: 40125, errmsg: 'invalid appsecret' })
        const code = q.get('js_code') ?? ''
        const refused = takeCode(code)
        if (refused) return send(res, refused)
        const openid = code.startsWith('test:') ? code.slice(5) : stableOpenid(code)
        return send(res, { openid, unionid: unionidFor(openid), session_key: randomBytes(16).toString('base64') })
      }
      case 'GET /cgi-bin/token': {
        stats.tokenCalls++
        if (!credentialsOk) return send(res, { errcode: 40125, errmsg: 'invalid appsecret' })
        return send(res, tokens.issue())
      }
      case 'POST /wxa/business/getuserphonenumber': {
        if (tokenRefusal) return send(res, tokenRefusal)
        const { code } = await readJson(req)
        const refused = takeCode(code)
        if (refused) return send(res, refused)
        const phone = /^phone:(1\d{10})$/.exec(code)?.[1] ?? '13800000000'
        return send(res, {
          errcode: 0,
          errmsg: 'ok',
          phone_info: { phoneNumber: phone, purePhoneNumber: phone, countryCode: '86', watermark: { appid: opts.appId, timestamp: Math.floor(Date.now() / 1000) } },
        })
      }
      case 'POST /cgi-bin/message/subscribe/send': {
        if (tokenRefusal) return send(res, tokenRefusal)
        messages.push(await readJson(req))
        return send(res, { errcode: 0, errmsg: 'ok' })
      }
      default:
        res.writeHead(404, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ errcode: -1, errmsg: 'not found' }))
    }
  })

  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      resolve({
        url: `http://127.0.0.1:${port}`,
        port,
        messages,
        stats,
        close: () => new Promise<void>((r) => server.close(() => r())),
      })
    })
  })
}

/** Issued access tokens: the newest is valid until it expires; an older one only until its grace ends. */
function accessTokens(opts: WechatStandInOptions) {
  const clock = opts.clock ?? Date.now
  const graceMs = opts.tokenGraceMs ?? 5 * 60_000
  const ttlSeconds = opts.tokenTtlSeconds ?? 7200
  const validUntil = new Map<string, number>()
  let newest: string | undefined
  return {
    issue() {
      const now = clock()
      if (newest) validUntil.set(newest, Math.min(validUntil.get(newest)!, now + graceMs))
      newest = randomBytes(24).toString('hex')
      validUntil.set(newest, now + ttlSeconds * 1000)
      return { access_token: newest, expires_in: ttlSeconds }
    },
    refusal(token: string): { errcode: number; errmsg: string } | undefined {
      const until = validUntil.get(token)
      if (until === undefined) return { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' }
      if (clock() >= until) return token === newest ? { errcode: 42001, errmsg: 'access_token expired' } : { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' }
      return undefined
    },
  }
}
