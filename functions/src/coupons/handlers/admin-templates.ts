import { httpRoute } from '../../lib/http'
import { createTemplate, updateTemplate } from '../templates'
import { requireIdempotencyKey } from './idempotency-key'

export const createHandler = httpRoute('createCouponTemplate', async ({ session, body, headers }, deps) =>
  createTemplate(deps, body, { adminId: session.memberId, idempotencyKey: requireIdempotencyKey(headers) }))

export const updateHandler = httpRoute('updateCouponTemplate', async ({ params, body }, deps) => updateTemplate(deps, params.id, body))
