import { ProgramRules, type UpdateProgramRequest } from '@siyu/shared/rules/program-rules'
import type { Table } from '../lib/db'
import { logger } from '../lib/logger'
import { saveRules } from './rules-repo'

/** Publishes the next rules version on top of `baseVersion`; a stale base is a 409, not an overwrite. */
export async function publishRules(
  table: Table,
  req: UpdateProgramRequest,
  by: { memberId: string; at: Date },
): Promise<ProgramRules> {
  const next = ProgramRules.parse({ ...req.rules, version: req.baseVersion + 1 })
  // A stale base fails the rules part: `rules.version_conflict` (409), never an overwrite.
  await saveRules(table, next, by.at)
  logger.info('program rules published', { version: next.version, by: by.memberId })
  return next
}
