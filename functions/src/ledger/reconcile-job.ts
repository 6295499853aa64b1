import type { Table } from '../lib/db'
import type { Clock } from '../lib/ids'
import { logger } from '../lib/logger'
import { finishPass, findCheckpoint, findLastPass, saveCheckpoint, type Checkpoint } from '../entities/reconcile'
import { reconcilePass } from './reconcile'

/** A new pass starts this long after the last one started (the job runs hourly: one pass a day). */
const PASS_EVERY_MS = 20 * 3_600_000

export interface JobOutcome {
  status: 'skipped' | 'busy' | 'paused' | 'done'
  accounts: number
  entries: number
  drifts: number
}

/**
 * The scheduled reconciliation, resumable across runs: continues the pass in progress (or
 * starts one when the last began 20 h ago), checks accounts until `deadline`, then saves where
 * it stopped. The checkpoint is taken under a lease (conditional on its version), so two
 * overlapping runs never walk the same pass. Drifts are logged one ERROR line each as found.
 */
export async function runReconcileJob(deps: { table: Table; clock: Clock }, opts: { deadline: Date; leaseMs?: number }): Promise<JobOutcome> {
  const { table } = deps
  const now = deps.clock()
  const current = await findCheckpoint(table)
  if (!current) {
    const last = await findLastPass(table)
    if (last && now.getTime() - new Date(last.startedAt).getTime() < PASS_EVERY_MS) return { status: 'skipped', accounts: 0, entries: 0, drifts: 0 }
  } else if (current.leaseUntil > now.toISOString()) return { status: 'busy', accounts: current.accounts, entries: current.entries, drifts: current.drifts }
  const leaseUntil = new Date(Math.max(opts.deadline.getTime(), now.getTime()) + (opts.leaseMs ?? 60_000)).toISOString()
  const taken: Checkpoint = current
    ? { ...current, leaseUntil, version: current.version + 1 }
    : { startedAt: now.toISOString(), accounts: 0, entries: 0, drifts: 0, leaseUntil, version: 1 }
  if (!(await saveCheckpoint(table, taken, current?.version))) return { status: 'busy', accounts: 0, entries: 0, drifts: 0 }
  const pass = await reconcilePass(table, {
    resumeFrom: taken.resumeFrom,
    shouldStop: () => deps.clock() >= opts.deadline,
    onDrift: (d) => logger.error('ledger drift found', { ...d }),
  })
  const totals = { accounts: taken.accounts + pass.accounts, entries: taken.entries + pass.entries, drifts: taken.drifts + pass.drifts }
  if (pass.resumeFrom) {
    const saved = await saveCheckpoint(table, { ...taken, ...totals, resumeFrom: pass.resumeFrom, leaseUntil: now.toISOString(), version: taken.version + 1 }, taken.version)
    if (!saved) throw new Error('reconciliation checkpoint moved by another run while leased')
    logger.info('ledger reconciliation paused', { ...totals })
    return { status: 'paused', ...totals }
  }
  await finishPass(table, { startedAt: taken.startedAt, finishedAt: deps.clock().toISOString(), ...totals }, taken.version)
  if (totals.drifts) logger.error('ledger reconciliation found drift', { ...totals })
  else logger.info('ledger reconciled', { ...totals })
  return { status: 'done', ...totals }
}
