import { httpRoute } from '../../lib/http'
import { createTemplate, updateTemplate } from '../templates'

export const createHandler = httpRoute('createCouponTemplate', async ({ body }, deps) => createTemplate(deps, body))

export const updateHandler = httpRoute('updateCouponTemplate', async ({ params, body }, deps) => updateTemplate(deps, params.id, body))
