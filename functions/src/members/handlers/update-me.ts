import { httpRoute } from '../../lib/http'
import { loadRules } from '../../program/rules-repo'
import { updateProfile } from '../members'
import { toMember } from '../member-item'

export const handler = httpRoute('updateMe', async ({ session, body }, deps) => {
  const rules = await loadRules(deps.table)
  return toMember(await updateProfile(deps, session.memberId, body, rules), rules)
})
