import { addDays, rewardFor } from '@siyu/shared/rules/checkin'
import { shanghaiDate } from '@siyu/shared/rules/business-day'
import { expiryMonthFor } from '@siyu/shared/rules/points-expiry'
import type { ProgramRules } from '@siyu/shared/rules/program-rules'
import type { CheckinResult } from '@siyu/shared/schemas/checkin'
import { post, type LedgerDeps } from '../ledger/post'
import type { Movement } from '../ledger/account'
import { getMember, requireConsent } from '../members/members'
import { checkinDayPutNewPart, dayAsReadPart, newCheckinDay } from '../entities/checkin-day'
import { getDay, toResult, type CheckinDayItem } from './days'
import { memberExistsPart } from '../entities/member'

/** The business key of a member's day: a check-in and a make-up of that date share it. */
export const checkinKey = (memberId: string, date: string) => `checkin:${memberId}:${date}`

/**
 * Checks the member in for today's Shanghai date. The day item, the streak (from yesterday's
 * item, guarded in the same transaction) and the reward are one ledger posting keyed
 * `checkin:{member}:{date}`, so a repeat — sequential or concurrent — pays once and answers
 * with the first result.
 */
export async function checkIn(deps: LedgerDeps, rules: ProgramRules, memberId: string): Promise<CheckinResult> {
  const now = deps.clock()
  const today = shanghaiDate(now)
  const [member, existing] = await Promise.all([getMember(deps.table, memberId), getDay(deps.table, memberId, today)])
  if (existing) return toResult(existing, true)
  requireConsent(member, rules)

  let day: CheckinDayItem | undefined
  const result = await post(deps, {
    memberId,
    key: checkinKey(memberId, today),
    payload: { op: 'checkin', date: today },
    plan: async () => {
      const yesterday = await getDay(deps.table, memberId, addDays(today, -1))
      const streak = (yesterday?.streak ?? 0) + 1
      const reward = rewardFor(streak, rules.checkin)
      // A referral milestone multiplies the day's points (base and bonus) while it lasts.
      const boost = member.checkinBoost && member.checkinBoost.until > now.toISOString() ? member.checkinBoost.multiplier : 1
      const points = reward.points * boost
      const bonus = reward.bonus * boost
      const at = deps.clock().toISOString()
      day = newCheckinDay({ memberId, date: today, streak, points, bonus, makeup: false, cost: 0, at })
      const expiryMonth = expiryMonthFor(now, rules.points.expiryMonths)
      const movements: Movement[] = points > 0 ? [{ kind: 'earn', points, expiryMonth }] : []
      const sideParts = [
        checkinDayPutNewPart(deps.table, day),
        dayAsReadPart('yesterday', deps.table, memberId, addDays(today, -1), yesterday),
        memberExistsPart(deps.table, memberId),
      ]
      return {
        code: 'checkin',
        movements,
        ref: today,
        expiryMonth,
        note: [bonus > 0 ? `连续签到第 ${streak} 天，含奖励 ${bonus} 积分` : '', boost > 1 ? `邀请达成奖励：签到积分 ×${boost}` : ''].filter(Boolean).join('；') || undefined,
        sideParts,
      }
    },
  })
  // A replay (a concurrent tap won): answer with the day as stored.
  if (result?.replayed || !day) {
    const stored = await getDay(deps.table, memberId, today)
    if (!stored) throw new Error(`check-in ${today} posted without its day item`)
    return toResult(stored, true)
  }
  return toResult(day, false)
}
