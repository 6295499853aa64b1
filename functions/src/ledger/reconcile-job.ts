import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb'
import { getItem, isConditionFailed, type Table } from '../lib/db'
import type { Clock } from '../lib/ids'
import { keys } from '../lib/keys'
import { logger } from '../lib/logger'
import { reconcilePass, type ResumeKey } from './reconcile'

/** A new pass starts this long after the last one started (the job runs hourly: one pass a day). */
const PASS_EVERY_MS = 20 * 3_600_000

interface Checkpoint {
  startedAt: string
  resumeFrom?: ResumeKey
  accounts: number
  entries: number
  drifts: number
  /** The run holding the pass until then; another run waits for it to lapse. */
  leaseUntil: string
  version: number
}

export interface JobOutcome {
  status: 'skipped' | 'busy' | 'paused' | 'done'
  accounts: number
  entries: number
  drifts: number
}

const put = (table: Table, item: Record<string, unknown>, version: number | undefined) =>
  table.db.send(new PutCommand({
    TableName: table.name, Item: item,
    ...(version === undefined ? { ConditionExpression: 'attribute_not_exists(pk)' } : { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': version } }),
  }))

/**
 * The scheduled reconciliation, resumable across runs: continues the pass in progress (or
 * starts one when the last began 20 h ago), checks accounts until `deadline`, then saves where
 * it stopped. The checkpoint is taken under a lease (conditional on its version), so two
 * overlapping runs never walk the same pass. Drifts are logged one ERROR line each as found.
 */
export async function runReconcileJob(deps: { table: Table; clock: Clock }, opts: { deadline: Date; leaseMs?: number }): Promise<JobOutcome> {
  const { table } = deps
  const now = deps.clock()
  const current = await getItem<Checkpoint & { pk: string; sk: string }>(table, keys.reconcileCheckpoint())
  if (!current) {
    const last = await getItem<{ startedAt: string }>(table, keys.reconcileLastPass())
    if (last && now.getTime() - new Date(last.startedAt).getTime() < PASS_EVERY_MS) return { status: 'skipped', accounts: 0, entries: 0, drifts: 0 }
  } else if (current.leaseUntil > now.toISOString()) return { status: 'busy', accounts: current.accounts, entries: current.entries, drifts: current.drifts }
  const leaseUntil = new Date(Math.max(opts.deadline.getTime(), now.getTime()) + (opts.leaseMs ?? 60_000)).toISOString()
  const taken: Checkpoint = current
    ? { ...current, leaseUntil, version: current.version + 1 }
    : { startedAt: now.toISOString(), accounts: 0, entries: 0, drifts: 0, leaseUntil, version: 1 }
  try {
    await put(table, { ...keys.reconcileCheckpoint(), type: 'reconcileCheckpoint', ...taken }, current?.version)
  } catch (err) {
    if (isConditionFailed(err)) return { status: 'busy', accounts: 0, entries: 0, drifts: 0 }
    throw err
  }
  const pass = await reconcilePass(table, {
    resumeFrom: taken.resumeFrom,
    shouldStop: () => deps.clock() >= opts.deadline,
    onDrift: (d) => logger.error('ledger drift found', { ...d }),
  })
  const totals = { accounts: taken.accounts + pass.accounts, entries: taken.entries + pass.entries, drifts: taken.drifts + pass.drifts }
  if (pass.resumeFrom) {
    await put(table, { ...keys.reconcileCheckpoint(), type: 'reconcileCheckpoint', ...taken, ...totals, resumeFrom: pass.resumeFrom, leaseUntil: now.toISOString(), version: taken.version + 1 }, taken.version)
    logger.info('ledger reconciliation paused', { ...totals })
    return { status: 'paused', ...totals }
  }
  await table.db.send(new PutCommand({ TableName: table.name, Item: { ...keys.reconcileLastPass(), type: 'reconcilePass', startedAt: taken.startedAt, finishedAt: deps.clock().toISOString(), ...totals } }))
  await table.db.send(new DeleteCommand({ TableName: table.name, Key: keys.reconcileCheckpoint(), ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': taken.version } }))
  if (totals.drifts) logger.error('ledger reconciliation found drift', { ...totals })
  else logger.info('ledger reconciled', { ...totals })
  return { status: 'done', ...totals }
}
