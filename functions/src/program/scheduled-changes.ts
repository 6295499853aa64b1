import { addDays } from '@siyu/shared/rules/checkin'
import { shanghaiDate } from '@siyu/shared/rules/business-day'
import { ProgramRules } from '@siyu/shared/rules/program-rules'
import { diffRules, summariseChanges } from '@siyu/shared/rules/rules-diff'
import { ScheduledSections, type ScheduleChangeRequest, type ScheduledChange } from '@siyu/shared/schemas/console'
import { z } from 'zod'
import { personRefs } from '../console/names'
import { requireAdmin } from '../console/operator'
import { brandAuditPutPart } from '../entities/brand-audit'
import { claimKeyPart, clientKey, idempotentRequest, storedAnswer } from '../entities/idempotency'
import { rulesAtVersionPart } from '../entities/program-rules'
import {
  changeDateHoldPart, changeDateReleasePart, closeChangePart, findScheduledChange, pendingChanges, recentChanges, scheduledChangePutNewPart, type ScheduledChangeItem,
} from '../entities/scheduled-change'
import type { Table } from '../lib/db'
import { DomainError } from '../lib/errors'
import type { Clock, IdSource } from '../lib/ids'
import { logger } from '../lib/logger'
import { withRetry, type Backoff } from '../lib/retry'
import type { Session } from '../lib/session'
import { commit, transact, TransactionRaced, type Part } from '../lib/transact'
import { clearRulesCache } from './rules-repo'
import { currentRules, versionConflict } from './update-rules'

export interface ScheduleDeps { table: Table; clock: Clock; ids: IdSource; backoff?: Backoff }
type Section = z.infer<typeof ScheduledSections>

/** What the change's client key answers every retry with. */
const ScheduledAnswer = z.object({ changeId: z.string() })

/** The API view of changes, with their authors' names (one BatchGet). */
export async function describeChanges(table: Table, items: ScheduledChangeItem[]): Promise<ScheduledChange[]> {
  const names = await personRefs(table, items.map((c) => c.createdBy))
  return items.map((c) => ({
    id: c.id, status: c.status, effectiveOn: c.effectiveOn, notice: c.notice, changes: c.changes, createdAt: c.createdAt,
    createdBy: names.get(c.createdBy) ?? null, appliedVersion: c.appliedVersion, failure: c.failure,
  }))
}

const describeChange = async (table: Table, c: ScheduledChangeItem) => (await describeChanges(table, [c]))[0]

async function getChange(table: Table, id: string): Promise<ScheduledChangeItem> {
  const c = await findScheduledChange(table, id)
  if (!c) throw new DomainError('rules.change_not_found', '规则变更不存在')
  return c
}

/**
 * Like `commit`, except that a failed client key comes first: a copy of this request committed
 * before it (and holds the date too), so the retry answers with that copy's change.
 */
async function commitKeyed(table: Table, parts: Part[]): Promise<void> {
  const failed = await transact(table, parts)
  if (!failed) return
  if (!failed.has('idempotency')) {
    for (const part of parts.filter((p) => failed.has(p.name))) {
      const outcome = part.onConditionFailed?.()
      if (outcome instanceof DomainError) throw outcome
    }
  }
  throw new TransactionRaced(failed)
}

/** Members get `ruleChanges.noticeDays` of notice: the earliest date is Shanghai today plus that. */
function checkNotice(rules: ProgramRules, effectiveOn: string, now: Date): void {
  const { noticeDays } = rules.ruleChanges
  const earliest = addDays(shanghaiDate(now), noticeDays)
  if (effectiveOn < earliest) {
    throw new DomainError('rules.notice_too_short', `规则变更须至少提前 ${noticeDays} 天通知会员，最早可于 ${earliest} 生效`, { earliest, noticeDays })
  }
}

/**
 * The given sections merged onto the current rules must make a valid document; each is kept as
 * parsed (defaults filled). A refusal names the fields under `body.sections`, as the HTTP adapter does.
 */
export function parseSections(current: ProgramRules, given: ScheduleChangeRequest['sections']): Partial<Pick<ProgramRules, Section>> {
  const names = ScheduledSections.options.filter((s) => given[s] !== undefined)
  const merged = ProgramRules.safeParse({ ...current, ...Object.fromEntries(names.map((n) => [n, given[n]])) })
  if (!merged.success) {
    const details = merged.error.issues.map((i) => ({ path: ['body', 'sections', ...i.path.map(String)].join('.'), message: i.message, code: i.code }))
    throw new DomainError('request.invalid', `请求参数有误：${details[0]?.message ?? '规则无效'}`, details)
  }
  return Object.fromEntries(names.map((n) => [n, merged.data[n]]))
}

/**
 * `POST /v1/admin/program/scheduled`: a change of whole sections (earn rates, expiry, tiers) for a
 * future Shanghai date, with the notice members see until then. Based on the current version
 * (else 409), at least `noticeDays` ahead (else 422), valid once merged (else 400), one per date
 * (else 409). The change, its date's hold, the client key and the audit entry are one transaction;
 * a retry answers the same change, another payload under the key is `409 idempotency.mismatch`.
 */
export async function scheduleChange(
  deps: ScheduleDeps, session: Session, body: ScheduleChangeRequest, by: { idempotencyKey: string; requestId: string },
): Promise<ScheduledChange> {
  const { table } = deps
  const op = await requireAdmin(table, session)
  const req = idempotentRequest(clientKey(op.memberId, by.idempotencyKey), { op: 'scheduleProgramChange', body })
  return withRetry(async () => {
    const first = await storedAnswer(table, req, (a) => ScheduledAnswer.parse(a))
    if (first) return describeChange(table, await getChange(table, first.changeId))
    const now = deps.clock()
    const current = await currentRules(table)
    if (current.version !== body.baseVersion) throw versionConflict(body.baseVersion)
    checkNotice(current, body.effectiveOn, now)
    const sections = parseSections(current, body.sections)
    const at = now.toISOString()
    const item: ScheduledChangeItem = {
      id: deps.ids('rc'), status: 'scheduled', effectiveOn: body.effectiveOn, notice: body.notice, sections,
      changes: diffRules(current, { ...current, ...sections }), baseVersion: current.version, createdAt: at, createdBy: op.memberId,
      appliedVersion: null, appliedAt: null, cancelledAt: null, cancelledBy: null, failure: null, failedAt: null,
    }
    await commitKeyed(table, [
      claimKeyPart(table, req, { changeId: item.id }, at),
      rulesAtVersionPart(table, current.version),
      changeDateHoldPart(table, item.effectiveOn, item.id),
      scheduledChangePutNewPart(table, item),
      brandAuditPutPart(table, {
        id: `rules.schedule:${item.id}`, at, actorId: op.memberId, action: 'rules.schedule', detail: `${item.effectiveOn} 生效：${summariseChanges(item.changes)}`, requestId: by.requestId,
      }),
    ])
    clearRulesCache()
    logger.info('rule change scheduled', { id: item.id, effectiveOn: item.effectiveOn, by: op.memberId })
    return describeChange(table, item)
  }, { backoff: deps.backoff })
}

/**
 * `POST /v1/admin/program/scheduled/{id}/cancel`: withdraws a change (and its notice) before it
 * applies. Conditioned on it still being scheduled, so of a cancel and the apply job exactly one
 * wins; cancelling a cancelled change answers it, an applied (or failed) one is 409.
 */
export async function cancelChange(deps: { table: Table; clock: Clock; backoff?: Backoff }, session: Session, id: string, requestId: string): Promise<ScheduledChange> {
  const { table } = deps
  const op = await requireAdmin(table, session)
  return withRetry(async () => {
    const c = await getChange(table, id)
    if (c.status === 'cancelled') return describeChange(table, c)
    if (c.status !== 'scheduled') {
      throw new DomainError('rules.change_not_cancellable', c.status === 'applied' ? `该变更已于 ${c.effectiveOn} 生效，无法取消` : '该变更未能生效，无需取消', { status: c.status })
    }
    const at = deps.clock().toISOString()
    await commit(table, [
      closeChangePart(table, c.id, { status: 'cancelled', by: op.memberId, at }),
      changeDateReleasePart(table, c.effectiveOn),
      brandAuditPutPart(table, { id: `rules.cancel:${c.id}`, at, actorId: op.memberId, action: 'rules.cancel', detail: `取消 ${c.effectiveOn} 生效的规则变更：${summariseChanges(c.changes)}`, requestId }),
    ])
    clearRulesCache()
    return describeChange(table, { ...c, status: 'cancelled', cancelledAt: at, cancelledBy: op.memberId })
  }, { backoff: deps.backoff })
}

/** How many closed changes the list shows besides every scheduled one. */
export const RECENT_CHANGES = 50

/**
 * `GET /v1/admin/program/scheduled`: every change still scheduled (soonest first), then the most
 * recent others (newest first, at most RECENT_CHANGES). The partition read is consistent and wins
 * over the (eventually consistent) index for a change in both.
 */
export async function listChanges(table: Table, session: Session): Promise<{ items: ScheduledChange[] }> {
  await requireAdmin(table, session)
  const [recent, pending] = await Promise.all([recentChanges(table, RECENT_CHANGES), pendingChanges(table)])
  const byId = new Map([...pending, ...recent].map((c) => [c.id, c]))
  const all = [...byId.values()]
  const scheduled = all.filter((c) => c.status === 'scheduled').sort((a, b) => `${a.effectiveOn}#${a.id}`.localeCompare(`${b.effectiveOn}#${b.id}`))
  const closed = all.filter((c) => c.status !== 'scheduled').sort((a, b) => b.id.localeCompare(a.id))
  return { items: await describeChanges(table, [...scheduled, ...closed]) }
}
