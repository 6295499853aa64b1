import { httpRoute } from '../../lib/http'
import { listConsoleAudit } from '../console-audit'

export const handler = httpRoute('listConsoleAudit', async ({ query, session }, deps) => listConsoleAudit(deps.table, session, query))
