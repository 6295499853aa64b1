import { httpRoute } from '../../lib/http'
import { loadRules } from '../../program/rules-repo'
import { makeupCheckin } from '../makeup'

export const handler = httpRoute('makeupCheckin', async ({ session, body }, deps) =>
  makeupCheckin(deps, await loadRules(deps.table), session.memberId, body.date),
)
