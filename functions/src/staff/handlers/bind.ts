import { httpRoute } from '../../lib/http'
import { issueToken } from '../../lib/session'
import { toMember } from '../../members/member-item'
import { loadRules } from '../../program/rules-repo'
import { bindInvite } from '../invites'

/** Binds the caller as staff and answers with a fresh session carrying the new role. */
export const handler = httpRoute('bindStaff', async ({ session, body }, deps) => {
  const member = await bindInvite(deps, session.memberId, body.inviteCode)
  const { token, expiresAt } = await issueToken(
    { memberId: member.memberId, roles: member.roles, storeId: member.storeId },
    { secret: deps.config.sessionSecret, ttlSeconds: deps.config.sessionTtlSeconds, now: deps.clock() },
  )
  return { token, expiresAt, member: toMember(member, await loadRules(deps.table)) }
})
