import { httpRoute } from '../../lib/http'
import { loadRules } from '../../program/rules-repo'
import { checkIn } from '../checkin'

export const handler = httpRoute('checkIn', async ({ session }, deps) => checkIn(deps, await loadRules(deps.table), session.memberId))
