import { httpRoute } from '../../lib/http'
import { loginResponse } from '../session-for'

export const handler = httpRoute('authWechat', async ({ body }, deps) =>
  loginResponse(deps, await deps.wechat.code2session(body.code)),
)
