import type { Table } from '../lib/db'
import { withRetry } from '../lib/retry'
import { commit } from '../lib/transact'
import { memberInviteCodePart } from '../entities/member'
import { memberOfRefCode, refCodePutNewPart } from '../entities/ref-code'
import { getMember } from '../members/members'
import { newInviteCode } from '../lib/codes'

/** The page a share opens: the newcomers' landing page, carrying the code. */
export const sharePath = (code: string) => `/pages/welcome/index?invite=${code}`

/**
 * The member's invite code, created the first time it is asked for: the code item and the
 * member's field in one transaction, so a member has exactly one code and a code one member.
 * A code already taken, or a concurrent request that gave the member theirs: look again.
 */
export async function ensureInviteCode(deps: { table: Table; code?: () => string }, memberId: string): Promise<string> {
  return withRetry(async () => {
    const member = await getMember(deps.table, memberId)
    if (member.inviteCode) return member.inviteCode
    const code = (deps.code ?? newInviteCode)()
    await commit(deps.table, [refCodePutNewPart(deps.table, code, memberId), memberInviteCodePart(deps.table, memberId, code)])
    return code
  }, { onGiveUp: async (err) => { throw new Error(`could not give ${memberId} an invite code`, { cause: err }) } })
}

export const memberOfInviteCode = memberOfRefCode
