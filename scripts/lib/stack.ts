import type { ChildProcess } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Server } from 'node:http'
import { createDb } from '../../functions/src/lib/db'
import { changeOfRecord } from '../../functions/src/lib/stream'
import { consumeChanges } from '../../functions/src/events/consume'
import { loadRules } from '../../functions/src/program/rules-repo'
import { loadDemoData } from './demo-data'
import { startDynamoDbLocal } from './dynamodb-local'
import { ensureH5Build, H5_DIST } from './h5-build'
import { startH5Server } from './h5-server'
import { localSecrets } from './local-secrets'
import { isPortFree, startChild, stopChild, waitFor } from './processes'
import { createTables } from './tables'
import { startStreamPoller } from './stream-poller'
import { startWechatStandIn } from './wechat-stand-in'

const ROOT = resolve(__dirname, '../..')

export interface StackPorts {
  api: number
  lambda: number
  dynamodb: number
  wechat: number
  h5: number
}

export interface Stack {
  apiUrl: string
  h5Url: string
  wechatUrl: string
  dynamodbEndpoint: string
  tableName: string
  stop(): Promise<void>
}

async function assertPortsFree(ports: StackPorts): Promise<void> {
  for (const [name, port] of Object.entries(ports)) {
    if (!(await isPortFree(port))) {
      throw new Error(`Port ${port} (${name}) is in use. Is another \`npm start\` running? Stop it, or choose other ports (PORT, LAMBDA_PORT, DYNAMODB_PORT, WECHAT_PORT, H5_PORT).`)
    }
  }
}

/**
 * The whole local system: DynamoDB Local with tables from serverless.yml and demo data, the
 * WeChat stand-in, the HTTP API under serverless-offline, and the H5 build behind a static
 * server that forwards /v1 to the API. `stop()` (or this process ending) stops all of it.
 */
export async function startStack(opts: { stage: string; ports: StackPorts; quiet?: boolean; log?: (line: string) => void }): Promise<Stack> {
  const cleanups: (() => Promise<void> | void)[] = []
  const stop = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup()
  }
  try {
    return await startParts(opts, cleanups, stop)
  } catch (err) {
    await stop() // never leave a half-started stack behind
    throw err
  }
}

async function startParts(
  opts: { stage: string; ports: StackPorts; quiet?: boolean; log?: (line: string) => void },
  cleanups: (() => Promise<void> | void)[],
  stop: () => Promise<void>,
): Promise<Stack> {
  const log = opts.log ?? console.log
  await assertPortsFree(opts.ports)
  const secrets = localSecrets()
  const tableName = `siyu-${opts.stage}`

  log('Starting DynamoDB Local …')
  const [ddb] = await Promise.all([
    startDynamoDbLocal(opts.ports.dynamodb, { quiet: opts.quiet }),
    Promise.resolve().then(() => ensureH5Build({ quiet: opts.quiet })),
  ])
  cleanups.push(() => ddb.stop())
  await createTables(ddb.endpoint, () => tableName)
  const db = createDb({ endpoint: ddb.endpoint, region: 'local' })
  const table = { db, name: tableName }
  // The demo's sales are followed by what the stream consumer does (upgrades, referral rewards), as of
  // each sale; serverless-offline's consumer later reads the same records again and skips them.
  const stream = await startStreamPoller({
    endpoint: ddb.endpoint, tableName,
    deliver: async (records) => {
      await consumeChanges({ table, clock: () => new Date() }, await loadRules(table), records.map(changeOfRecord))
    },
  })
  const demo = await loadDemoData(table, Buffer.from(secrets.piiKey, 'base64'), stream.settled).finally(() => stream.stop())
  db.destroy()
  log(`Tables created from serverless.yml; demo data loaded (${demo.stores} stores, ${demo.staff} staff, ${demo.members} members).`)

  const wechat = await startWechatStandIn({ port: opts.ports.wechat, appId: secrets.wechatAppId, appSecret: secrets.wechatAppSecret })
  cleanups.push(() => wechat.close())
  const apiUrl = `http://127.0.0.1:${opts.ports.api}`
  log('Starting the HTTP API (serverless-offline) …')
  const offline: ChildProcess = startChild(
    process.execPath,
    // --localEnvironment: handlers get this environment (the secrets below are in no template).
    [join(ROOT, 'node_modules/serverless/bin/serverless.js'), 'offline', 'start', '--stage', opts.stage, '--localEnvironment'],
    {
      cwd: ROOT,
      stdio: opts.quiet ? 'ignore' : 'inherit',
      env: {
        ...process.env,
        TZ: 'UTC',
        // Marks the local stack: serverless.yml adds dev login and builds in .esbuild-local, and
        // handlers take the plain secrets below (anywhere else they read SSM Parameter Store).
        SIYU_LOCAL_STACK: '1',
        SLS_TELEMETRY_DISABLED: '1',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        PORT: String(opts.ports.api),
        LAMBDA_PORT: String(opts.ports.lambda),
        DYNAMODB_ENDPOINT: ddb.endpoint,
        // DynamoDB Local runs in memory: a checkpoint of an earlier run names shards that no longer exist.
        STREAMS_CHECKPOINT_FILE: join(mkdtempSync(join(tmpdir(), 'siyu-streams-')), 'checkpoint.json'),
        SESSION_SECRET: secrets.sessionSecret,
        PII_KEY: secrets.piiKey,
        WECHAT_API_BASE: wechat.url,
        WECHAT_APP_ID: secrets.wechatAppId,
        WECHAT_APP_SECRET: secrets.wechatAppSecret,
        AWS_ACCESS_KEY_ID: 'local',
        AWS_SECRET_ACCESS_KEY: 'local',
      },
    },
  )
  cleanups.push(() => stopChild(offline))
  let offlineExited = false
  offline.once('exit', () => (offlineExited = true))
  await waitFor('serverless-offline', async () => {
    if (offlineExited) throw new Error('serverless-offline exited during start-up')
    return (await fetch(`${apiUrl}/v1/program`)).ok
  }, 120_000)

  const h5 = await startH5Server({ root: H5_DIST, port: opts.ports.h5, apiUrl })
  cleanups.push(() => new Promise<void>((r) => (h5.server as Server).close(() => r())))
  return {
    apiUrl,
    h5Url: h5.url,
    wechatUrl: wechat.url,
    dynamodbEndpoint: ddb.endpoint,
    tableName,
    stop,
  }
}
