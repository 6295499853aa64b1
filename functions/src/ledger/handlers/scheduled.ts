import type { Context } from 'aws-lambda'
import { loadDeps } from '../../lib/deps'
import { activateDuePending, expireDueLots } from '../jobs'
import { runReconcileJob } from '../reconcile-job'

/** Scheduled (EventBridge) entry points: thin wrappers that log a one-line report. */
export const activatePending = async () => activateDuePending(await loadDeps())

export const expirePoints = async () => expireDueLots(await loadDeps())

/** Hourly; one pass a day, continued run after run until every account is checked. Stops a minute before the timeout. */
export const reconcileLedger = async (_event?: unknown, context?: Pick<Context, 'getRemainingTimeInMillis'>) => {
  const remaining = context?.getRemainingTimeInMillis?.() ?? 14 * 60_000
  return runReconcileJob(await loadDeps(), { deadline: new Date(Date.now() + remaining - 60_000) })
}
