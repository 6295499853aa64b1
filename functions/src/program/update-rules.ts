import { ProgramRules, type UpdateProgramRequest } from '@siyu/shared/rules/program-rules'
import { conditionFailedAt, type Table } from '../lib/db'
import { DomainError } from '../lib/errors'
import { logger } from '../lib/logger'
import { saveRules } from './rules-repo'

/** Publishes the next rules version on top of `baseVersion`; a stale base is a 409, not an overwrite. */
export async function publishRules(
  table: Table,
  req: UpdateProgramRequest,
  by: { memberId: string; at: Date },
): Promise<ProgramRules> {
  const next = ProgramRules.parse({ ...req.rules, version: req.baseVersion + 1 })
  try {
    await saveRules(table, next, by.at)
  } catch (err) {
    if (conditionFailedAt(err, 0) || conditionFailedAt(err, 1)) {
      throw new DomainError('rules.version_conflict', '规则已被他人修改，请刷新后再保存', { baseVersion: req.baseVersion })
    }
    throw err
  }
  logger.info('program rules published', { version: next.version, by: by.memberId })
  return next
}
