import { toPublicProgram } from '@siyu/shared/rules/program-rules'
import { httpRoute } from '../../lib/http'
import { loadNotices, loadRules } from '../rules-repo'

/** The public rules and the notices of changes still to come (both cached 30 s per container). */
export const handler = httpRoute('getProgram', async (_req, deps) => {
  const [rules, notices] = await Promise.all([loadRules(deps.table), loadNotices(deps.table)])
  return toPublicProgram(rules, notices)
})
