import { addMonths } from '@siyu/shared/rules/points-expiry'
import { shanghaiDate, shanghaiMonth } from '@siyu/shared/rules/business-day'
import { logger } from '../lib/logger'
import { deleteLotIndex, lotIndexesOfMonth } from '../entities/lot-index'
import { pendingDueOn } from '../entities/pending-lot'
import { activatePurchase, expireLot } from './operations'
import { confirmDueUpgrades } from '../tiers/confirm'
import type { LedgerDeps } from './post'

/** @deprecated moved to `lib/db.ts`; re-exported while callers move over. */

export interface JobReport {
  examined: number
  posted: number
}

/**
 * Activates pending purchase points whose return window has passed. Looks back `catchUpDays`
 * Shanghai days so a missed run is caught up; activation is idempotent, so reruns are safe.
 */
export async function activateDuePending(deps: LedgerDeps, opts: { catchUpDays?: number } = {}): Promise<JobReport> {
  const now = deps.clock()
  const report: JobReport = { examined: 0, posted: 0 }
  for (let back = opts.catchUpDays ?? 60; back >= 0; back--) {
    const day = shanghaiDate(new Date(now.getTime() - back * 86_400_000))
    for await (const lot of pendingDueOn(deps.table, day, `${now.toISOString()}~`)) {
      report.examined++
      if (await activatePurchase(deps, { memberId: lot.memberId, orderId: lot.ref })) report.posted++
    }
  }
  logger.info('pending points activated', { ...report })
  // Upgrades whose return window closed with these points are confirmed and their gift coupons issued.
  await confirmDueUpgrades(deps)
  return report
}

/**
 * Expires every lot whose month has ended (Shanghai time): one `expiry` entry per member per
 * lot. Looks back `catchUpMonths`; entries are keyed by member and month, so reruns are safe.
 */
export async function expireDueLots(deps: LedgerDeps, opts: { catchUpMonths?: number } = {}): Promise<JobReport> {
  const current = shanghaiMonth(deps.clock())
  const report: JobReport = { examined: 0, posted: 0 }
  for (let back = opts.catchUpMonths ?? 24; back >= 1; back--) {
    const month = addMonths(current, -back)
    for await (const index of lotIndexesOfMonth(deps.table, month)) {
      report.examined++
      const posted = await expireLot(deps, { memberId: index.memberId, month })
      if (posted) report.posted++
      // A lot that was spent to zero has nothing to expire; drop its index entry all the same.
      else await deleteLotIndex(deps.table, index.memberId, month)
    }
  }
  logger.info('points lots expired', { ...report })
  return report
}
