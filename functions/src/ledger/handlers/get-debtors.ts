import { httpRoute } from '../../lib/http'
import { listDebtors } from '../queries'

export const handler = httpRoute('getDebtors', async ({ query }, deps) => listDebtors(deps.table, query))
