import { httpRoute } from '../../lib/http'
import { loadRules } from '../rules-repo'
import { publishRules } from '../update-rules'

export const getHandler = httpRoute('getAdminProgram', async (_req, deps) => loadRules(deps.table))

export const putHandler = httpRoute('putAdminProgram', async ({ body, session }, deps) =>
  publishRules(deps.table, body, { memberId: session.memberId, at: deps.clock() }),
)
