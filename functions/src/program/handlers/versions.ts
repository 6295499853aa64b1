import { httpRoute } from '../../lib/http'
import { listProgramVersions } from '../versions'

export const handler = httpRoute('listProgramVersions', async ({ query, session }, deps) => listProgramVersions(deps.table, session, query))
