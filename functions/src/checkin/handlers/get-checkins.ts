import { httpRoute } from '../../lib/http'
import { loadRules } from '../../program/rules-repo'
import { getCalendar } from '../calendar'

export const handler = httpRoute('getCheckins', async ({ session, query }, deps) =>
  getCalendar(deps.table, await loadRules(deps.table), session.memberId, deps.clock(), query.month),
)
