import { httpRoute } from '../../lib/http'
import { loadRules } from '../../program/rules-repo'
import { setConsents } from '../members'
import { toMember } from '../member-item'

export const handler = httpRoute('putConsents', async ({ session, body }, deps) => {
  const rules = await loadRules(deps.table)
  return toMember(await setConsents(deps, session.memberId, body, rules), rules)
})
