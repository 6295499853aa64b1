import { toPublicProgram } from '@siyu/shared/rules/program-rules'
import { httpRoute } from '../../lib/http'
import { loadRules } from '../rules-repo'

export const handler = httpRoute('getProgram', async (_req, deps) => toPublicProgram(await loadRules(deps.table)))
