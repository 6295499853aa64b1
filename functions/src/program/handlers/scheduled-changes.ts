import { requireIdempotencyKey } from '../../coupons/handlers/idempotency-key'
import { httpRoute } from '../../lib/http'
import { cancelChange, listChanges, scheduleChange } from '../scheduled-changes'

export const listHandler = httpRoute('listScheduledChanges', async ({ session }, deps) => listChanges(deps.table, session))

export const scheduleHandler = httpRoute('scheduleProgramChange', async ({ body, session, headers, requestId }, deps) =>
  scheduleChange(deps, session, body, { idempotencyKey: requireIdempotencyKey(headers), requestId }))

export const cancelHandler = httpRoute('cancelScheduledChange', async ({ params, session, requestId }, deps) => cancelChange(deps, session, params.id, requestId))
