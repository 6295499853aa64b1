import { httpRoute } from '../../lib/http'
import { loadRules } from '../../program/rules-repo'
import { getMyTier } from '../my-tier'

export const handler = httpRoute('getMyTier', async ({ session }, deps) =>
  getMyTier(deps.table, await loadRules(deps.table), session.memberId, deps.clock()))
