import { httpRoute } from '../../lib/http'
import { createTemplate, updateTemplate } from '../templates'
import { requireIdempotencyKey } from './idempotency-key'

export const createHandler = httpRoute('createCouponTemplate', async ({ session, body, headers, requestId }, deps) =>
  createTemplate(deps, body, { adminId: session.memberId, idempotencyKey: requireIdempotencyKey(headers), requestId }))

export const updateHandler = httpRoute('updateCouponTemplate', async ({ params, body, session, requestId }, deps) =>
  updateTemplate(deps, params.id, body, { adminId: session.memberId, requestId }))
