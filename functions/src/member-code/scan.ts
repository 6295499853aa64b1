import type { MemberCard } from '@siyu/shared/schemas/member-code'
import { takeMemberTillToken, takeRateToken } from '../staff/staff-auth'
import { memberOfCode, type TillContext } from '../staff/till-context'
import { verifyMemberCode } from './verify'

/**
 * A till's scan: counted against the staff member's per-minute allowance and — when the code names
 * a member, right or wrong one-time part — the member's, then the member's card.
 */
export async function scanMemberCode(ctx: TillContext, code: string): Promise<MemberCard> {
  const { till } = ctx.rules
  await takeRateToken(ctx, ctx.staff.staffId, till.actionsPerMinute)
  const owner = await memberOfCode(ctx.table, code)
  if (owner) await takeMemberTillToken(ctx, owner, till.memberActionsPerMinute)
  return verifyMemberCode(ctx, ctx.rules, code, ctx.staff.storeId)
}
