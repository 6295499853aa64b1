import { DomainError } from '../../lib/errors'
import { httpRoute } from '../../lib/http'
import { loginResponse } from '../session-for'

/**
 * Dev login exists only in the local stack: serverless.yml adds this function only there, and
 * should it ever run elsewhere, it answers like an unknown route, whatever the stage is called.
 */
export const handler = httpRoute('authDev', async ({ body }, deps) => {
  if (!deps.config.localStack) throw new DomainError('route.not_found', '接口不存在')
  return loginResponse(deps, { openid: body.openid })
})
