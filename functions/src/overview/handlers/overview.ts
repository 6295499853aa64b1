import { httpRoute } from '../../lib/http'
import { loadRules } from '../../program/rules-repo'
import { getOverview } from '../overview'

export const handler = httpRoute('getOverview', async ({ session, query }, deps) => getOverview(deps, await loadRules(deps.table), session, query))
