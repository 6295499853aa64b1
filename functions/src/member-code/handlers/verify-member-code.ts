import { httpRoute } from '../../lib/http'
import { takeRateToken } from '../../staff/staff-auth'
import { tillContext } from '../../staff/till-deps'
import { verifyMemberCode } from '../verify'

/** A scan: staff only (disabled staff refused), counted against the staff member's per-minute limit. */
export const handler = httpRoute('verifyMemberCode', async ({ session, body, requestId }, deps) => {
  const ctx = await tillContext(deps, session, requestId)
  await takeRateToken(ctx, ctx.staff.staffId, ctx.rules.till.actionsPerMinute)
  return verifyMemberCode(ctx, ctx.rules, body.code, ctx.staff.storeId)
})
