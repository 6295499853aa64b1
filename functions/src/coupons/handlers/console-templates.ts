import { httpRoute } from '../../lib/http'
import { endTemplate, listAdminTemplates } from '../console-templates'

export const listHandler = httpRoute('listCouponTemplatesAdmin', async ({ session, query }, deps) => listAdminTemplates(deps, session, query))

export const endHandler = httpRoute('endCouponTemplate', async ({ session, params, requestId }, deps) => endTemplate(deps, session, params.id, requestId))
