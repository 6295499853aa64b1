import { httpRoute } from '../../lib/http'
import { tillContext } from '../../staff/till-deps'
import { scanMemberCode } from '../scan'

/** A scan: staff only (disabled staff refused), counted against the staff member's and the member's per-minute limits. */
export const handler = httpRoute('verifyMemberCode', async ({ session, body, requestId }, deps) =>
  scanMemberCode(await tillContext(deps, session, requestId), body.code))
