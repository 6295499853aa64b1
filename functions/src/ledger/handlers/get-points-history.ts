import { httpRoute } from '../../lib/http'
import { listHistory } from '../queries'

export const handler = httpRoute('getPointsHistory', async ({ session, query }, deps) => listHistory(deps.table, session.memberId, query))
