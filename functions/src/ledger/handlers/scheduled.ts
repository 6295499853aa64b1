import { loadDeps } from '../../lib/deps'
import { logger } from '../../lib/logger'
import { activateDuePending, expireDueLots } from '../jobs'
import { reconcile } from '../reconcile'

/** Scheduled (EventBridge) entry points: thin wrappers that log a one-line report. */
export const activatePending = async () => activateDuePending(await loadDeps())

export const expirePoints = async () => expireDueLots(await loadDeps())

export const reconcileLedger = async () => {
  const report = await reconcile((await loadDeps()).table)
  if (report.drifts.length) logger.error('ledger drift found', { accounts: report.accounts, drifts: report.drifts })
  else logger.info('ledger reconciled', { accounts: report.accounts, entries: report.entries })
  return { accounts: report.accounts, entries: report.entries, drifts: report.drifts.length }
}
