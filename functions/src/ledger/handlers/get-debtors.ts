import { requireAdmin } from '../../console/operator'
import { httpRoute } from '../../lib/http'
import { listDebtors } from '../queries'

export const handler = httpRoute('getDebtors', async ({ query, session }, deps) => {
  await requireAdmin(deps.table, session)
  return listDebtors(deps.table, query)
})
