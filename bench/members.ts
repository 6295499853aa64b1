/**
 * bench/members: login (find-or-create) and profile reads through the real handlers on
 * DynamoDB Local. Prints one JSON line: first logins/s, repeat logins/s, GET /v1/me p50/p99
 * at concurrency 16.
 */
import './lib/quiet'
import { randomBytes } from 'node:crypto'
import { startDynamoDbLocal } from '../scripts/lib/dynamodb-local'
import { createTables } from '../scripts/lib/tables'
import { freePort } from '../scripts/lib/processes'
import { startWechatStandIn } from '../scripts/lib/wechat-stand-in'
import { percentile, pool } from './lib/stats'

const N = Number(process.env.BENCH_N ?? 1000)
const CONCURRENCY = 16

async function main() {
  const ddb = await startDynamoDbLocal(await freePort(), { quiet: true })
  const wechat = await startWechatStandIn({ port: 0, appId: 'wx-bench', appSecret: 'bench' })
  await createTables(ddb.endpoint, () => 'siyu-bench')
  Object.assign(process.env, {
    SIYU_LOCAL_STACK: '1', STAGE: 'test', TABLE_NAME: 'siyu-bench', DYNAMODB_ENDPOINT: ddb.endpoint, SESSION_SECRET: randomBytes(32).toString('hex'),
    PII_KEY: randomBytes(32).toString('base64'), WECHAT_API_BASE: wechat.url, WECHAT_APP_ID: 'wx-bench', WECHAT_APP_SECRET: 'bench',
  })
  const { handler: authDev } = await import('../functions/src/members/handlers/auth-dev')
  const { handler: getMe } = await import('../functions/src/members/handlers/get-me')
  const event = (body?: unknown, token?: string) => ({
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
    requestContext: { requestId: 'bench', http: { method: body ? 'POST' : 'GET' } },
  }) as never
  const openids = Array.from({ length: N }, (_, i) => `bench-${i}`)
  const tokens: string[] = []

  let t = performance.now()
  await pool(openids, CONCURRENCY, async (openid) => {
    const res = (await authDev(event({ openid }))) as { body: string }
    tokens.push(JSON.parse(res.body).token)
  })
  const firstLoginsPerSec = N / ((performance.now() - t) / 1000)

  t = performance.now()
  await pool(openids, CONCURRENCY, async (openid) => void (await authDev(event({ openid }))))
  const repeatLoginsPerSec = N / ((performance.now() - t) / 1000)

  const latencies: number[] = []
  await pool(tokens, CONCURRENCY, async (token) => {
    const start = performance.now()
    await getMe(event(undefined, token))
    latencies.push(performance.now() - start)
  })
  latencies.sort((a, b) => a - b)
  console.log(JSON.stringify({
    bench: 'members', n: N, concurrency: CONCURRENCY,
    firstLoginsPerSec: Math.round(firstLoginsPerSec), repeatLoginsPerSec: Math.round(repeatLoginsPerSec),
    getMeP50Ms: +percentile(latencies, 50).toFixed(2), getMeP99Ms: +percentile(latencies, 99).toFixed(2),
  }))
  await wechat.close()
  ddb.stop()
  process.exit(0)
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
