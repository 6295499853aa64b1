import { httpRoute } from '../../lib/http'
import { wechatOf } from '../../wechat/container'
import { loadRules } from '../../program/rules-repo'
import { setPhone } from '../members'
import { toMember } from '../member-item'

export const handler = httpRoute('bindPhone', async ({ session, body }, deps) => {
  const rules = await loadRules(deps.table)
  const { phoneNumber } = await wechatOf(deps).getPhoneNumber(body.code)
  const item = await setPhone({ ...deps, piiKey: deps.config.piiKey }, session.memberId, phoneNumber, rules)
  return toMember(item, rules)
})
