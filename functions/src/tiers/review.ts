import { shanghaiDate } from '@siyu/shared/rules/business-day'
import type { ProgramRules } from '@siyu/shared/rules/program-rules'
import { anniversary, nextAnniversary } from '@siyu/shared/rules/tiers'
import { keys } from '../lib/keys'
import { logger } from '../lib/logger'
import { transact } from '../lib/transact'
import { queryIndex } from '../lib/db'
import type { LedgerDeps } from '../ledger/post'
import { parseTierItem } from '../entities/tier'
import { growthOver, type TierItem } from './tier-state'
import { reviewIndex, tierChangeParts } from './tier-writes'

export interface ReviewReport {
  examined: number
  kept: number
  dropped: number
  /** Changed by someone else meanwhile (an upgrade, a concurrent run): left to them. */
  skipped: number
}

/**
 * The anniversary review, for members due on this Shanghai day (and the `catchUpDays` before it,
 * so a missed run is caught up): keeps the tier if the last 12 months' growth still reaches it,
 * else drops exactly one tier. Each member's review is one transaction conditioned on the review
 * date and version it read, so a rerun, an overlapping run or a resumed run changes nothing twice.
 */
export async function reviewDueTiers(deps: LedgerDeps, rules: ProgramRules, opts: { catchUpDays?: number; concurrency?: number } = {}): Promise<ReviewReport> {
  const now = deps.clock()
  const today = shanghaiDate(now)
  const report: ReviewReport = { examined: 0, kept: 0, dropped: 0, skipped: 0 }
  const running = new Set<Promise<void>>()
  for (let back = opts.catchUpDays ?? 7; back >= 0; back--) {
    const day = shanghaiDate(new Date(now.getTime() - back * 86_400_000))
    for await (const item of queryIndex(deps, keys.tierReviewDay(day))) {
      report.examined++
      const job = reviewOne(deps, rules, parseTierItem(item), day, now, today).then((r) => void report[r]++)
      running.add(job)
      void job.finally(() => running.delete(job))
      if (running.size >= (opts.concurrency ?? 16)) await Promise.race(running)
    }
  }
  await Promise.all(running)
  logger.info('tier review done', { ...report, today })
  return report
}

async function reviewOne(deps: LedgerDeps, rules: ProgramRules, before: TierItem, due: string, now: Date, today: string): Promise<'kept' | 'dropped' | 'skipped'> {
  // The index is eventually consistent: trust only what the condition below confirms.
  if (before.reviewOn !== due) return 'skipped'
  const index = rules.tiers.findIndex((t) => t.code === before.tier)
  const growth = await growthOver(deps.table, before.memberId, now)
  const keep = index > 0 && growth.fen >= rules.tiers[index].thresholdFen
  const at = now.toISOString()
  let after: TierItem
  if (keep) {
    const reviewOn = nextAnniversary(before.anchor, today)
    after = { ...before, reviewOn, version: before.version + 1, ...reviewIndex(reviewOn, before.memberId) }
  } else {
    // At most one tier down (a code no longer on the ladder falls to the first tier).
    const lower = Math.max(0, index - 1)
    const reviewOn = lower > 0 ? anniversary(today, 1) : null
    const { gsi1pk: _pk, gsi1sk: _sk, ...rest } = before
    after = { ...rest, tier: rules.tiers[lower].code, since: at, anchor: today, reviewOn, version: before.version + 1, ...reviewIndex(reviewOn, before.memberId) }
  }
  // Cancelled (the version moved, or a conflict): changed by someone else meanwhile, left to them.
  const failed = await transact(deps.table, tierChangeParts(deps.table, before, after, { from: before.tier, reason: keep ? 'review_keep' : 'review_drop', growthFen: growth.fen, at }))
  if (failed) return 'skipped'
  return keep ? 'kept' : 'dropped'
}
