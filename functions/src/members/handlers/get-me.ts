import { httpRoute } from '../../lib/http'
import { loadRules } from '../../program/rules-repo'
import { getMember } from '../members'
import { toMember } from '../member-item'

export const handler = httpRoute('getMe', async ({ session }, deps) =>
  toMember(await getMember(deps.table, session.memberId), await loadRules(deps.table)),
)
