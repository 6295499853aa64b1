import { getDeps } from '../../lib/deps'
import type { Context } from 'aws-lambda'
import { activateDuePending, expireDueLots } from '../jobs'
import { runReconcileJob } from '../reconcile-job'

/** Scheduled (EventBridge) entry points: thin wrappers that log a one-line report. */
export const activatePending = async () => activateDuePending(getDeps())

export const expirePoints = async () => expireDueLots(getDeps())

/** Hourly; one pass a day, continued run after run until every account is checked. Stops a minute before the timeout. */
export const reconcileLedger = async (_event?: unknown, context?: Pick<Context, 'getRemainingTimeInMillis'>) => {
  const remaining = context?.getRemainingTimeInMillis?.() ?? 14 * 60_000
  return runReconcileJob(getDeps(), { deadline: new Date(Date.now() + remaining - 60_000) })
}
