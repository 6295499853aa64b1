import { requireOperator } from '../../console/operator'
import { httpRoute } from '../../lib/http'
import { listStaff } from '../staff-list'

/** 员工: an admin lists one store or every store, a manager their own (from the table). */
export const handler = httpRoute('listStaff', async ({ session, query }, deps) => listStaff(deps.table, await requireOperator(deps.table, session), query))
