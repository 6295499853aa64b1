import { httpRoute } from '../../lib/http'
import { loadRules } from '../../program/rules-repo'
import { getSummary } from '../queries'

export const handler = httpRoute('getPoints', async ({ session }, deps) =>
  getSummary(deps.table, session.memberId, await loadRules(deps.table), deps.clock()),
)
