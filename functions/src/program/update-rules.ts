import { ProgramRules, defaultProgramRules, type UpdateProgramRequest } from '@siyu/shared/rules/program-rules'
import { diffRules, summariseChanges } from '@siyu/shared/rules/rules-diff'
import { brandAuditPutPart } from '../entities/brand-audit'
import { findStoredRules } from '../entities/program-rules'
import { requireAdmin } from '../console/operator'
import type { Table } from '../lib/db'
import { DomainError } from '../lib/errors'
import { logger } from '../lib/logger'
import type { Session } from '../lib/session'
import { saveRules } from './rules-repo'

export const versionConflict = (baseVersion: number) => new DomainError('rules.version_conflict', '规则已被他人修改，请刷新后再保存', { baseVersion })

/** The rules as stored now (read consistently), or the built-in defaults (version 1). */
export const currentRules = async (table: Table): Promise<ProgramRules> => (await findStoredRules(table)) ?? defaultProgramRules()

/** The audit line of a published version: its number and what changed. */
export const publishDetail = (version: number, before: ProgramRules, after: ProgramRules) => `版本 ${version}：${summariseChanges(diffRules(before, after))}`

/**
 * Publishes the next rules version on top of `baseVersion`, recording who published it, with its
 * brand audit entry in the same transaction; a stale base is a 409, not an overwrite.
 */
export async function publishRules(
  table: Table,
  session: Session,
  req: UpdateProgramRequest,
  by: { at: Date; requestId: string },
): Promise<ProgramRules> {
  const op = await requireAdmin(table, session)
  const current = await currentRules(table)
  if (current.version !== req.baseVersion) throw versionConflict(req.baseVersion)
  const next = ProgramRules.parse({ ...req.rules, version: req.baseVersion + 1 })
  const at = by.at.toISOString()
  const audit = brandAuditPutPart(table, {
    id: `rules.publish:v${next.version}`, at, actorId: op.memberId, action: 'rules.publish', detail: publishDetail(next.version, current, next), requestId: by.requestId,
  })
  // A stale base fails the rules part (also when another publish lands between the read and the write).
  await saveRules(table, next, by.at, { by: op.memberId, sideParts: [audit] })
  logger.info('program rules published', { version: next.version, by: op.memberId })
  return next
}
