import { describeOperator } from '../../console/operator'
import { httpRoute } from '../../lib/http'

export const handler = httpRoute('getConsoleMe', async ({ session }, deps) => describeOperator(deps.table, session))
