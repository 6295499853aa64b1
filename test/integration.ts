import { randomBytes, randomUUID } from 'node:crypto'
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda'
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb'
import { ScanCommand } from '@aws-sdk/lib-dynamodb'
import { createTables } from '../scripts/lib/tables'
import { startWechatStandIn, type WechatStandIn } from '../scripts/lib/wechat-stand-in'
import { freePort } from '../scripts/lib/processes'
import { getDeps, resetDeps } from '../functions/src/lib/deps'
import { clearRulesCache } from '../functions/src/program/rules-repo'
import { settleStream } from './stream'

export interface TestEnv {
  tableName: string
  wechat: WechatStandIn
  /** Whether the table has its stream (for the stream consumer, test/stream.ts). */
  stream: boolean
}

/**
 * Gives a test file its own table (created from serverless.yml in the shared DynamoDB Local)
 * and its own WeChat stand-in, and points the functions' configuration at them. The table has its
 * stream only with `stream: true` (files that run the consumer): DynamoDB Local keeps every stream's
 * records for the whole run, and each one makes every later write slower (the ledger's tests ran
 * 4–7× slower behind the coupon flash test).
 */
export function useIntegrationEnv(opts: { stream?: boolean } = {}): TestEnv {
  const env = { stream: opts.stream ?? false } as TestEnv
  beforeAll(async () => {
    const endpoint = process.env.DYNAMODB_ENDPOINT
    if (!endpoint) throw new Error('DYNAMODB_ENDPOINT missing: run through the jest integration project')
    env.tableName = `siyu-test-${randomUUID().slice(0, 8)}`
    await createTables(endpoint, () => env.tableName, { streams: env.stream })
    env.wechat = await startWechatStandIn({ port: await freePort(), appId: 'wx-test-app', appSecret: 'test-secret' })
    Object.assign(process.env, {
      SIYU_LOCAL_STACK: '1', // handlers take the plain secrets below and offer dev login only with it
      STAGE: 'test',
      TABLE_NAME: env.tableName,
      SESSION_SECRET: randomBytes(32).toString('hex'),
      PII_KEY: randomBytes(32).toString('base64'),
      WECHAT_API_BASE: env.wechat.url,
      WECHAT_APP_ID: 'wx-test-app',
      WECHAT_APP_SECRET: 'test-secret',
      POWERTOOLS_LOG_LEVEL: 'SILENT',
    })
    resetDeps()
    clearRulesCache()
  })
  afterAll(async () => {
    // DynamoDB Local keeps every table in memory for the whole run: a file's table goes with it.
    const { db, name } = getDeps().table
    await db.send(new DeleteTableCommand({ TableName: name })).catch(() => undefined)
    db.destroy()
    await env.wechat?.close()
  })
  return env
}

type Handler = (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyResultV2>

export interface CallResult<T = any> {
  status: number
  body: T
  headers: Record<string, unknown>
}

/** Calls a handler directly with an API Gateway HTTP API (v2) event. */
export async function call<T = any>(
  handler: Handler,
  req: { method?: string; path?: string; body?: unknown; rawBody?: string; token?: string; headers?: Record<string, string>; query?: Record<string, string>; params?: Record<string, string> } = {},
): Promise<CallResult<T>> {
  const method = req.method ?? (req.body !== undefined || req.rawBody !== undefined ? 'POST' : 'GET')
  const event = {
    version: '2.0',
    routeKey: `${method} ${req.path ?? '/'}`,
    rawPath: req.path ?? '/',
    rawQueryString: new URLSearchParams(req.query ?? {}).toString(),
    headers: { 'content-type': 'application/json', ...(req.token ? { authorization: `Bearer ${req.token}` } : {}), ...req.headers },
    queryStringParameters: req.query,
    pathParameters: req.params,
    body: req.rawBody ?? (req.body === undefined ? undefined : JSON.stringify(req.body)),
    isBase64Encoded: false,
    requestContext: { requestId: randomUUID(), http: { method, path: req.path ?? '/' } },
  } as unknown as APIGatewayProxyEventV2
  const res = (await handler(event)) as { statusCode: number; body?: string; headers?: Record<string, unknown> }
  return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : undefined, headers: res.headers ?? {} }
}

/**
 * Every item of the test table, for "nothing was written" assertions — once the stream's consumer
 * (when the file runs one) is done with earlier writes, so their events do not land in between.
 */
export async function tableSnapshot(): Promise<Record<string, unknown>[]> {
  await settleStream()
  const { table } = getDeps()
  const items: Record<string, unknown>[] = []
  let start: Record<string, unknown> | undefined
  do {
    const page = await table.db.send(new ScanCommand({ TableName: table.name, ExclusiveStartKey: start, ConsistentRead: true }))
    items.push(...((page.Items ?? []) as Record<string, unknown>[]))
    start = page.LastEvaluatedKey
  } while (start)
  return items.sort((a, b) => `${a.pk}|${a.sk}`.localeCompare(`${b.pk}|${b.sk}`))
}
