import type { LoginResponse } from '@siyu/shared/schemas/auth'
import type { Deps } from '../lib/deps'
import { issueToken } from '../lib/session'
import { ensureCodeSecret } from '../member-code/secret'
import { loadRules } from '../program/rules-repo'
import { loginByOpenid } from './members'
import { toMember } from './member-item'

/** Shared by WeChat login and dev login: find-or-create the member and issue its session token. */
export async function loginResponse(deps: Deps, identity: { openid: string; unionid?: string }): Promise<LoginResponse> {
  const [{ member, isNew }, rules] = await Promise.all([loginByOpenid(deps, identity), loadRules(deps.table)])
  const { token, expiresAt } = await issueToken(
    { memberId: member.memberId, roles: member.roles, storeId: member.storeId },
    { secret: deps.config.sessionSecret, ttlSeconds: deps.config.sessionTtlSeconds, now: deps.clock() },
  )
  const memberCode = await ensureCodeSecret({ ...deps, piiKey: deps.config.piiKey }, rules, member.memberId)
  return { token, expiresAt, member: toMember(member, rules), isNew, memberCode }
}
