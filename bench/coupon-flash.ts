/**
 * bench/coupon-flash: a flash claim — 10,000 members claim a coupon with 1,000 in stock at
 * concurrency 64 (BENCH_N members and BENCH_STOCK units change the size), through the real claim handler on DynamoDB Local. Prints one JSON line:
 * claims/s, p50/p99, oversold and double-issued (both must be 0), and the writes each stock
 * shard item took. Members are written directly (consented), tokens signed directly: the bench
 * measures claims, not logins.
 */
import './lib/quiet'
import { randomBytes } from 'node:crypto'
import { BatchWriteCommand, ScanCommand } from '@aws-sdk/lib-dynamodb'
import { defaultProgramRules } from '@siyu/shared/rules/program-rules'
import { createDb, type Table } from '../functions/src/lib/db'
import { randomIds } from '../functions/src/lib/ids'
import { keys } from '../functions/src/lib/keys'
import { issueToken } from '../functions/src/lib/session'
import { createTemplate, readShards } from '../functions/src/coupons/templates'
import { startDynamoDbLocal } from '../scripts/lib/dynamodb-local'
import { freePort } from '../scripts/lib/processes'
import { createTables } from '../scripts/lib/tables'
import { measure, percentile, round } from './lib/stats'

const MEMBERS = Number(process.env.BENCH_N ?? 10_000)
const STOCK = Number(process.env.BENCH_STOCK ?? 1000)
const CONCURRENCY = 64

async function writeMembers(table: Table, ids: string[], policyVersion: string) {
  const now = new Date().toISOString()
  const consent = { privacyPolicyVersion: policyVersion, privacyAcceptedAt: now, marketing: { optIn: false, at: now }, personalisation: { optIn: false, at: now } }
  for (let i = 0; i < ids.length; i += 25) {
    let request: Record<string, unknown[]> | undefined = {
      [table.name]: ids.slice(i, i + 25).map((memberId) => ({
        PutRequest: {
          Item: {
            ...keys.member(memberId), type: 'member', memberId, openid: `flash-${memberId}`, nickname: null, avatarUrl: null, birthday: null,
            roles: ['member'], storeId: null, consents: consent, createdAt: now, updatedAt: now, lastInteractionAt: now,
          },
        },
      })),
    }
    while (request && Object.keys(request).length) {
      const res = await table.db.send(new BatchWriteCommand({ RequestItems: request as never }))
      request = res.UnprocessedItems as typeof request
    }
  }
}

async function scanType(table: Table, type: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = []
  let start: Record<string, unknown> | undefined
  do {
    const page = await table.db.send(new ScanCommand({ TableName: table.name, FilterExpression: '#t = :t', ExpressionAttributeNames: { '#t': 'type' }, ExpressionAttributeValues: { ':t': type }, ExclusiveStartKey: start }))
    items.push(...((page.Items ?? []) as Record<string, unknown>[]))
    start = page.LastEvaluatedKey
  } while (start)
  return items
}

async function main() {
  const ddb = await startDynamoDbLocal(await freePort(), { quiet: true })
  await createTables(ddb.endpoint, () => 'siyu-bench')
  const secret = randomBytes(32).toString('hex')
  Object.assign(process.env, {
    SIYU_LOCAL_STACK: '1', STAGE: 'test', TABLE_NAME: 'siyu-bench', DYNAMODB_ENDPOINT: ddb.endpoint, SESSION_SECRET: secret,
    PII_KEY: randomBytes(32).toString('base64'), WECHAT_API_BASE: 'http://127.0.0.1:9', WECHAT_APP_ID: 'wx-bench', WECHAT_APP_SECRET: 'bench',
  })
  const table: Table = { db: createDb({ endpoint: ddb.endpoint, region: 'local' }), name: 'siyu-bench' }
  const { claimHandler } = await import('../functions/src/coupons/handlers/member-coupons')
  const rules = defaultProgramRules()
  const t = await createTemplate({ table, clock: () => new Date(), ids: randomIds }, {
    title: '限时抢券', description: '', benefit: { kind: 'fixed', amountOffFen: 1000 }, stores: 'all', validity: { type: 'days', days: 7 },
    totalStock: STOCK, perMemberLimit: 1, channel: { type: 'public' }, paused: false, returnOnRefund: true,
  }, { adminId: 'm_benchadmin', idempotencyKey: 'bench-flash-template' })
  const members = Array.from({ length: MEMBERS }, (_, i) => `m_flash${String(i).padStart(8, '0')}`)
  await writeMembers(table, members, rules.privacy.policyVersion)
  const tokens = await Promise.all(members.map(async (memberId) =>
    (await issueToken({ memberId, roles: ['member'], storeId: null }, { secret: new TextEncoder().encode(secret), ttlSeconds: 3600, now: new Date() })).token))

  const statuses = new Map<number, number>()
  // Every claim carries its own Idempotency-Key, as the app sends one per tap (the API requires it).
  const claims = tokens.map((token, i) => ({ token, key: `flash-claim-${i}` }))
  const run = await measure(claims, CONCURRENCY, async ({ token, key }) => {
    const res = (await claimHandler({
      headers: { authorization: `Bearer ${token}`, 'idempotency-key': key }, pathParameters: { id: t.id },
      requestContext: { requestId: 'bench', http: { method: 'POST' } },
    } as never)) as { statusCode: number }
    statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1)
  })

  const coupons = await scanType(table, 'coupon')
  const perMember = new Map<string, number>()
  for (const c of coupons) perMember.set(c.memberId as string, (perMember.get(c.memberId as string) ?? 0) + 1)
  const shards = (await readShards(table, [t], true)).get(t.id) ?? []
  const writes = shards.map((s) => s.taken)
  console.log(JSON.stringify({
    bench: 'coupon-flash', members: MEMBERS, stock: STOCK, concurrency: CONCURRENCY, shards: shards.length,
    claimsPerSec: Math.round(run.perSec),
    p50Ms: round(percentile(run.latencies, 50)), p99Ms: round(percentile(run.latencies, 99)),
    issued: coupons.length, statuses: Object.fromEntries(statuses),
    oversold: Math.max(0, coupons.length - STOCK) + shards.filter((s) => s.taken > s.total).length,
    doubleIssued: [...perMember.values()].filter((n) => n > 1).length,
    writesPerShard: { min: Math.min(...writes), max: Math.max(...writes), mean: round(writes.reduce((a, b) => a + b, 0) / Math.max(1, writes.length), 1) },
  }))
  table.db.destroy()
  await ddb.stop()
  process.exit(0)
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
