import { httpRoute } from '../../lib/http'
import { loadRules } from '../../program/rules-repo'
import { removeRole } from '../roles'
import { toMember } from '../member-item'

/** An admin takes a role from another member (the adapter has read the caller's admin role from the table). */
export const handler = httpRoute('removeMemberRole', async ({ session, params, requestId }, deps) => {
  const item = await removeRole(deps, { adminId: session.memberId, memberId: params.memberId, role: params.role, requestId })
  return toMember(item, await loadRules(deps.table))
})
