/**
 * bench/ledger: the points ledger's postings on DynamoDB Local, against a baseline of raw
 * PutItem on the same emulator in the same run. Prints one JSON line: PutItem/s (baseline B),
 * postings/s sequential and at concurrency 16 (earns over 1,000 members, so accounts already
 * exist and races between them are rare), p50/p99, the ratio postings/s ÷ B, and write request
 * units per posting by kind (computed from the items each transaction writes).
 * Goal: ratio ≥ 0.3, p99 ≤ 100 ms at concurrency 16.
 */
import './lib/quiet'
import { PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb'
import { defaultProgramRules } from '@siyu/shared/rules/program-rules'
import { expiryMonthFor } from '@siyu/shared/rules/points-expiry'
import { MemberId } from '@siyu/shared/schemas/common'
import { createDb, type Table } from '../functions/src/lib/db'
import { adjustPoints } from '../functions/src/ledger/adjustments'
import { activatePurchase, earn, earnPurchase, expireLot, reversePurchase, spend } from '../functions/src/ledger/operations'
import { loginByOpenid } from '../functions/src/members/members'
import { startDynamoDbLocal } from '../scripts/lib/dynamodb-local'
import { freePort } from '../scripts/lib/processes'
import { createTables } from '../scripts/lib/tables'
import { measure, percentile, round } from './lib/stats'
import { transactionWriteUnits } from './lib/write-units'

const N = Number(process.env.BENCH_N ?? 2000)
const MEMBERS = 1000
const CONCURRENCY = 16
const rules = defaultProgramRules()

/** The table with a client that remembers the write units of the last transaction it sent. */
function metered(table: Table): { table: Table; lastUnits: () => number } {
  let last = 0
  const send = table.db.send.bind(table.db)
  const db = Object.create(table.db) as Table['db']
  db.send = ((command: unknown, ...rest: unknown[]) => {
    if (command instanceof TransactWriteCommand) last = transactionWriteUnits(command.input)
    return (send as (...a: unknown[]) => unknown)(command, ...rest)
  }) as Table['db']['send']
  return { table: { db, name: table.name }, lastUnits: () => last }
}

/** Write units of one posting of each kind, in the order a member's life produces them. */
async function unitsByKind(table: Table): Promise<Record<string, number>> {
  const { table: t, lastUnits } = metered(table)
  const yearAgo = new Date(Date.now() - 400 * 86_400_000)
  const deps = (at = new Date()) => ({ table: t, clock: () => at })
  const m = MemberId.parse('m_benchunits')
  const units: Record<string, number> = {}
  // Adjustments check the member exists; the admin is just an id here.
  await loginByOpenid({ table: t, clock: () => new Date(), ids: () => m }, { openid: 'bench-units' })
  const record = async (kind: string, posting: () => Promise<unknown>) => {
    await posting()
    units[kind] = lastUnits()
  }
  await record('earnNewLot', () => earn(deps(yearAgo), rules, { memberId: m, key: 'u:1', code: 'checkin', points: 10, ref: 'a' }))
  await record('earnSameLot', () => earn(deps(yearAgo), rules, { memberId: m, key: 'u:2', code: 'checkin', points: 10, ref: 'b' }))
  await record('spend', () => spend(deps(), { memberId: m, key: 'u:3', code: 'coupon_exchange', points: 5, ref: 'c' }))
  await record('expiry', () => expireLot(deps(), { memberId: m, month: expiryMonthFor(yearAgo, rules.points.expiryMonths) }))
  await record('purchasePending', () => earnPurchase(deps(yearAgo), rules, { memberId: m, orderId: 'o1', points: 128 }))
  await record('purchaseActivation', () => activatePurchase(deps(), { memberId: m, orderId: 'o1' }))
  await record('purchaseReversal', () => reversePurchase(deps(), { memberId: m, orderId: 'o1', refundId: 'r1', points: 28 }))
  await record('adjustmentWithAudit', () =>
    adjustPoints(deps(), rules, { memberId: m, points: 50, reason: '补发', operator: { memberId: 'm_benchadmin', role: 'admin', storeId: null }, idempotencyKey: 'bench-key-1', requestId: 'bench' }))
  return units
}

async function main() {
  const ddb = await startDynamoDbLocal(await freePort(), { quiet: true })
  await createTables(ddb.endpoint, () => 'siyu-bench')
  const db = createDb({ endpoint: ddb.endpoint, region: 'local' })
  const table: Table = { db, name: 'siyu-bench' }
  const deps = { table, clock: () => new Date() }
  const seq = Array.from({ length: N }, (_, i) => i)
  const member = (i: number) => `m_bench${String(i % MEMBERS).padStart(6, '0')}`

  // Warm the JVM and the client, then measure.
  await measure(seq.slice(0, 300), CONCURRENCY, (i) => db.send(new PutCommand({ TableName: table.name, Item: { pk: `WARM#${i}`, sk: 'X' } })))
  await measure(seq.slice(0, 300), CONCURRENCY, (i) => earn(deps, rules, { memberId: `m_warm${i % 50}`, key: `warm:${i}`, code: 'checkin', points: 1, ref: 'w' }))

  // Baseline: a ledger-entry-sized item per PutItem.
  const entryLike = (i: number) => ({ pk: `RAW#${i}`, sk: 'ENTRY#0000000001', type: 'entry', memberId: member(i), code: 'checkin', points: 10, balanceAfter: 10, at: new Date().toISOString() })
  const rawSeq = await measure(seq, 1, (i) => db.send(new PutCommand({ TableName: table.name, Item: entryLike(i) })))
  const rawConc = await measure(seq, CONCURRENCY, (i) => db.send(new PutCommand({ TableName: table.name, Item: entryLike(N + i) })))

  const postSeq = await measure(seq, 1, (i) => earn(deps, rules, { memberId: member(i), key: `s:${i}`, code: 'checkin', points: 10, ref: 's' }))
  const postConc = await measure(seq, CONCURRENCY, (i) => earn(deps, rules, { memberId: member(i), key: `c:${i}`, code: 'checkin', points: 10, ref: 'c' }))

  const units = await unitsByKind(table)
  console.log(JSON.stringify({
    bench: 'ledger', n: N, members: MEMBERS, concurrency: CONCURRENCY,
    putItemPerSecSequential: Math.round(rawSeq.perSec),
    putItemPerSec: Math.round(rawConc.perSec),
    postingsPerSecSequential: Math.round(postSeq.perSec),
    postingsPerSec: Math.round(postConc.perSec),
    ratioSequential: round(postSeq.perSec / rawSeq.perSec),
    ratio: round(postConc.perSec / rawConc.perSec),
    postingP50Ms: round(percentile(postConc.latencies, 50)),
    postingP99Ms: round(percentile(postConc.latencies, 99)),
    writeUnitsPerPosting: units,
  }))
  db.destroy()
  await ddb.stop()
  process.exit(0)
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
