import { shanghaiDate } from '@siyu/shared/rules/business-day'
import { ProgramRules } from '@siyu/shared/rules/program-rules'
import { brandAuditPutPart } from '../entities/brand-audit'
import { changeDateReleasePart, closeChangePart, findScheduledChange, pendingChanges, type ScheduledChangeItem } from '../entities/scheduled-change'
import type { Table } from '../lib/db'
import type { Clock } from '../lib/ids'
import { logger } from '../lib/logger'
import { withRetry, type Backoff } from '../lib/retry'
import { transact, TransactionRaced, type Part } from '../lib/transact'
import { clearRulesCache, publishParts } from './rules-repo'
import { currentRules, publishDetail } from './update-rules'

export interface ApplyReport {
  examined: number
  applied: string[]
  failed: string[]
}

type Outcome = 'applied' | 'failed' | 'skipped'

/**
 * The apply job (hourly): every change still scheduled whose date has come (Shanghai today or
 * before), oldest date first, each merged onto the rules current then and published as the next
 * version. Rerunnable: a change leaves `scheduled` in the transaction that applies it, so a second
 * run (or an overlapping one) applies nothing. A merged document that no longer validates marks
 * the change failed, with the reason, and publishes nothing.
 */
export async function applyDueChanges(deps: { table: Table; clock: Clock; backoff?: Backoff }): Promise<ApplyReport> {
  const today = shanghaiDate(deps.clock())
  const due = await pendingChanges(deps.table, today)
  const report: ApplyReport = { examined: due.length, applied: [], failed: [] }
  // In date order, and stopping at an error: a later change never applies before an earlier one.
  for (const listed of due) {
    const outcome = await applyOne(deps, listed.id, today)
    if (outcome !== 'skipped') report[outcome].push(listed.id)
  }
  if (report.applied.length || report.failed.length) clearRulesCache()
  logger.info('scheduled rule changes applied', { ...report })
  return report
}

/** One change, decided from its item and the rules read consistently; any lost race reads both again. */
function applyOne(deps: { table: Table; clock: Clock; backoff?: Backoff }, id: string, today: string): Promise<Outcome> {
  const { table } = deps
  return withRetry(async () => {
    // The index is eventually consistent: decide from the item itself.
    const c = await findScheduledChange(table, id)
    if (!c || c.status !== 'scheduled' || c.effectiveOn > today) return 'skipped'
    const current = await currentRules(table)
    const at = deps.clock()
    const merged = ProgramRules.safeParse({ ...current, ...c.sections, version: current.version + 1 })
    const parts = merged.success ? applyParts(table, c, current, merged.data, at) : failParts(table, c, reasonOf(merged.error.issues), at)
    const cancelled = await transact(table, parts)
    if (cancelled) throw new TransactionRaced(cancelled)
    if (merged.success) logger.info('rule change applied', { id, version: merged.data.version })
    else logger.warn('rule change failed to apply', { id })
    return merged.success ? 'applied' : 'failed'
  }, { backoff: deps.backoff })
}

const reasonOf = (issues: { path: PropertyKey[]; message: string }[]) =>
  `合并后的规则无效：${issues.map((i) => `${i.path.map(String).join('.') || '规则'}：${i.message}`).join('；')}`

/** Version N+1 published by the change's author, the change applied, its date released, the audit entry: one transaction. */
function applyParts(table: Table, c: ScheduledChangeItem, current: ProgramRules, next: ProgramRules, at: Date): Part[] {
  const iso = at.toISOString()
  return publishParts(table, next, at, {
    by: c.createdBy,
    scheduledChangeId: c.id,
    sideParts: [
      closeChangePart(table, c.id, { status: 'applied', appliedVersion: next.version, at: iso }),
      changeDateReleasePart(table, c.effectiveOn),
      brandAuditPutPart(table, {
        id: `rules.publish:v${next.version}`, at: iso, actorId: c.createdBy, action: 'rules.publish',
        detail: `定时变更 ${c.id} 生效，${publishDetail(next.version, current, next)}`, requestId: `scheduled:${c.id}`,
      }),
    ],
  })
}

function failParts(table: Table, c: ScheduledChangeItem, failure: string, at: Date): Part[] {
  return [closeChangePart(table, c.id, { status: 'failed', failure, at: at.toISOString() }), changeDateReleasePart(table, c.effectiveOn)]
}
