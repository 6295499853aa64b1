import { httpRoute } from '../../lib/http'
import { loadRules } from '../rules-repo'
import { publishRules } from '../update-rules'

export const getHandler = httpRoute('getAdminProgram', async (_req, deps) => loadRules(deps.table))

export const putHandler = httpRoute('putAdminProgram', async ({ body, session, requestId }, deps) =>
  publishRules(deps.table, session, body, { at: deps.clock(), requestId }),
)
