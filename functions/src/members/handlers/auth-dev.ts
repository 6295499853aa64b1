import { isDevStage } from '../../lib/config'
import { DomainError } from '../../lib/errors'
import { httpRoute } from '../../lib/http'
import { loginResponse } from '../session-for'

/** Exists only on local and test stages; everywhere else it answers like an unknown route. */
export const handler = httpRoute('authDev', async ({ body }, deps) => {
  if (!isDevStage(deps.config.stage)) throw new DomainError('route.not_found', '接口不存在')
  return loginResponse(deps, { openid: body.openid })
})
