import { httpRoute } from '../../lib/http'
import { wechatOf } from '../../wechat/container'
import { loginResponse } from '../session-for'

export const handler = httpRoute('authWechat', async ({ body }, deps) =>
  loginResponse(deps, await wechatOf(deps).code2session(body.code)),
)
