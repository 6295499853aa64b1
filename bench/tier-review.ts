/**
 * bench/tier-review: the daily anniversary review over 100,000 members with a tier above the
 * first, 20% of them due today (half of those still meet their tier, half drop one), on
 * DynamoDB Local. Prints one JSON line: members reviewed per second, the job's wall time, the
 * outcome counts, and write request units per reviewed member (computed from the items each
 * review transaction writes).
 */
import './lib/quiet'
import { BatchWriteCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb'
import { shanghaiDate, shanghaiMonth } from '@siyu/shared/rules/business-day'
import { defaultProgramRules } from '@siyu/shared/rules/program-rules'
import { anniversary } from '@siyu/shared/rules/tiers'
import { createDb, type Table } from '../functions/src/lib/db'
import { keys } from '../functions/src/lib/keys'
import { reviewDueTiers } from '../functions/src/tiers/review'
import type { TierItem } from '../functions/src/tiers/tier-state'
import { reviewIndex } from '../functions/src/tiers/upgrade'
import { startDynamoDbLocal } from '../scripts/lib/dynamodb-local'
import { freePort } from '../scripts/lib/processes'
import { createTables } from '../scripts/lib/tables'
import { pool, round } from './lib/stats'
import { transactionWriteUnits } from './lib/write-units'

const MEMBERS = Number(process.env.BENCH_N ?? 100_000)
const DUE_SHARE = 0.2
const rules = defaultProgramRules()

async function main() {
  const ddb = await startDynamoDbLocal(await freePort(), { quiet: true })
  await createTables(ddb.endpoint, () => 'siyu-bench')
  const db = createDb({ endpoint: ddb.endpoint, region: 'local' })
  let units = 0
  const send = db.send.bind(db)
  db.send = ((command: unknown, ...rest: unknown[]) => {
    if (command instanceof TransactWriteCommand) units += transactionWriteUnits(command.input)
    return (send as (...a: unknown[]) => unknown)(command, ...rest)
  }) as typeof db.send
  const table: Table = { db, name: 'siyu-bench' }

  const now = new Date()
  const today = shanghaiDate(now)
  const month = shanghaiMonth(now)
  const dueCount = Math.round(MEMBERS * DUE_SHARE)
  // Members due today reached silver a year ago; the others on other days of the year.
  const items: Record<string, unknown>[] = []
  for (let i = 0; i < MEMBERS; i++) {
    const memberId = `m_tier${String(i).padStart(7, '0')}`
    const due = i < dueCount
    const anchor = due ? anniversary(today, -1) : shanghaiDate(new Date(now.getTime() - (30 + (i % 300)) * 86_400_000))
    const reviewOn = due ? today : anniversary(anchor, 1)
    const tier: TierItem = {
      ...(keys.tier(memberId) as { pk: string; sk: 'TIER' }), type: 'tier', memberId, tier: 'silver', since: `${anchor}T02:00:00.000Z`, anchor,
      reviewOn, giftsDue: [], version: 1, ...reviewIndex(reviewOn, memberId),
    }
    items.push(tier as unknown as Record<string, unknown>)
    // Half of those due still meet silver this month.
    if (due && i % 2 === 0) items.push({ ...keys.growth(memberId, month), type: 'growth', memberId, month, fen: rules.tiers[1].thresholdFen })
  }
  const seedStarted = performance.now()
  const batches = Array.from({ length: Math.ceil(items.length / 25) }, (_, b) => items.slice(b * 25, b * 25 + 25))
  await pool(batches, 16, async (batch) => {
    let pending = batch.map((Item) => ({ PutRequest: { Item } }))
    while (pending.length) {
      const { UnprocessedItems } = await db.send(new BatchWriteCommand({ RequestItems: { [table.name]: pending } }))
      pending = (UnprocessedItems?.[table.name] ?? []) as typeof pending
    }
  })
  const seedSeconds = (performance.now() - seedStarted) / 1000

  units = 0
  const started = performance.now()
  const report = await reviewDueTiers({ table, clock: () => now }, rules, { catchUpDays: 0, concurrency: 16 })
  const seconds = (performance.now() - started) / 1000
  const rerun = await reviewDueTiers({ table, clock: () => now }, rules, { catchUpDays: 0 })

  console.log(JSON.stringify({
    bench: 'tier-review', members: MEMBERS, due: dueCount, seedSeconds: round(seedSeconds, 1),
    reviewed: report.kept + report.dropped, kept: report.kept, dropped: report.dropped, skipped: report.skipped,
    jobSeconds: round(seconds, 1), membersPerSec: Math.round((report.kept + report.dropped) / seconds),
    writeUnitsPerMember: round(units / Math.max(1, report.kept + report.dropped)),
    rerunExamined: rerun.examined, rerunChanged: rerun.kept + rerun.dropped,
  }))
  db.destroy()
  await ddb.stop()
  process.exit(0)
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
