import type { ProgramRules } from '@siyu/shared/rules/program-rules'
import type { DomainEvent } from '@siyu/shared/schemas/events'
import { brandStatsParts } from '../entities/brand-stats'
import { putDeadLetter } from '../entities/dead-letter'
import { markHandled, wasHandled } from '../entities/event-handled'
import { keepEvent } from '../entities/event-log'
import { logger } from '../lib/logger'
import { withRetry } from '../lib/retry'
import type { LedgerDeps } from '../ledger/post'
import { brandStatsChangeOf } from '../overview/counters'
import { eventsOf, UnreadableItem, type ItemChange } from './domain-events'
import { reactionsTo, type Reaction } from './reactions'

/** What one batch came to (for logs and tests). */
export interface ConsumeReport {
  events: number
  handled: number
  skipped: number
  deadLetters: number
}

/**
 * Turns committed changes into domain events, keeps each in the event log and runs the reactions
 * to it, in the order the stream delivered them. A reaction runs at most once per event (its
 * handled marker); one that still fails after the retry policy becomes a dead letter and the batch
 * moves on. Only a failure to keep the event itself (with the brand's counters it adds, one
 * transaction) fails the batch: the stream delivers it again, and it is counted once.
 */
export async function consumeChanges(deps: LedgerDeps, rules: ProgramRules, changes: readonly ItemChange[]): Promise<ConsumeReport> {
  const report: ConsumeReport = { events: 0, handled: 0, skipped: 0, deadLetters: 0 }
  for (const change of changes) {
    for (const e of readEvents(change)) {
      report.events++
      // The event and the brand's counters in one transaction: a redelivered record adds nothing.
      await withRetry(() => keepEvent(deps.table, e, brandStatsParts(deps.table, brandStatsChangeOf(e))), { backoff: deps.backoff })
      for (const r of reactionsTo(e)) report[await react(deps, rules, r, e)]++
    }
  }
  return report
}

/** The change's events; an unreadable item is logged and skipped, so one bad write cannot stop the stream. */
function readEvents(change: ItemChange): DomainEvent[] {
  try {
    return eventsOf(change)
  } catch (err) {
    if (!(err instanceof UnreadableItem)) throw err
    logger.error('stream record skipped: unreadable item', { error: err.message })
    return []
  }
}

async function react(deps: LedgerDeps, rules: ProgramRules, r: Reaction, e: DomainEvent): Promise<'handled' | 'skipped' | 'deadLetters'> {
  if (await wasHandled(deps.table, e.id, r.name)) return 'skipped'
  const outcome = await runReaction(deps, rules, r, e)
  if (outcome.ok) return 'handled'
  logger.error('reaction failed; kept as a dead letter', { reaction: r.name, eventId: e.id, attempts: outcome.attempts, error: outcome.error })
  await putDeadLetter(deps.table, { event: e, reaction: r.name, error: outcome.error, attempts: outcome.attempts, at: deps.clock() })
  return 'deadLetters'
}

/** Runs the reaction under the one retry policy and marks it handled; a failure is reported, not thrown. */
export async function runReaction(deps: LedgerDeps, rules: ProgramRules, r: Reaction, e: DomainEvent): Promise<{ ok: true } | { ok: false; error: string; attempts: number }> {
  let attempts = 0
  // The reaction decides as of the event (a replay days later judges a referral's window, or an
  // upgrade's return window, from the purchase, not from the replay).
  const asOfEvent: LedgerDeps = { table: deps.table, clock: () => new Date(e.at), backoff: deps.backoff }
  try {
    await withRetry(async () => {
      attempts++
      await r.run(asOfEvent, rules, e)
    }, { backoff: deps.backoff })
  } catch (err) {
    return { ok: false, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err), attempts }
  }
  await markHandled(deps.table, e.id, r.name, deps.clock())
  return { ok: true }
}
