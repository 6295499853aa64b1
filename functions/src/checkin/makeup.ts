import { addDays } from '@siyu/shared/rules/checkin'
import { shanghaiDate } from '@siyu/shared/rules/business-day'
import { expiryMonthFor } from '@siyu/shared/rules/points-expiry'
import type { ProgramRules } from '@siyu/shared/rules/program-rules'
import type { CheckinResult } from '@siyu/shared/schemas/checkin'
import { DomainError } from '../lib/errors'
import type { Movement } from '../ledger/account'
import { post, type LedgerDeps } from '../ledger/post'
import { partIf } from '../lib/transact'
import { getMember, requireConsent } from '../members/members'
import { checkinDayPutNewPart, dayAsReadPart, newCheckinDay, streakUpdatePart } from '../entities/checkin-day'
import { makeupCountPart } from '../entities/makeup-counter'
import { checkinKey } from './checkin'
import { daysBetween, getDay, toResult, type CheckinDayItem } from './days'
import { memberExistsPart } from '../entities/member'

/**
 * Why a date cannot be made up, or null: only a missed day of the current Shanghai month,
 * before today and not before the member joined.
 */
export function makeupRefusal(date: string, today: string, joined: string): string | null {
  if (date >= today) return '只能补签今天之前的日期'
  if (date.slice(0, 7) !== today.slice(0, 7)) return '只能补签本月的日期'
  if (date < joined) return '不能补签成为会员之前的日期'
  return null
}

const notAllowed = (reason: string) => new DomainError('checkin.makeup_not_allowed', reason)

/**
 * 补签: fills a missed day of this month. Costs `makeup.costPoints`, pays the day's base reward
 * (never a bonus), counts against the month's cap, and rebuilds the streak: the day joins the run
 * before it, and every day of the run after it (up to today) is rewritten with its new length.
 * All of it is one ledger posting keyed like the day's check-in, so it can apply only once.
 */
export async function makeupCheckin(deps: LedgerDeps, rules: ProgramRules, memberId: string, date: string): Promise<CheckinResult> {
  const now = deps.clock()
  const today = shanghaiDate(now)
  const member = await getMember(deps.table, memberId)
  requireConsent(member, rules)
  const refusal = makeupRefusal(date, today, shanghaiDate(new Date(member.createdAt)))
  if (refusal) throw notAllowed(refusal)
  const existing = await getDay(deps.table, memberId, date)
  if (existing) {
    if (existing.makeup) return toResult(existing, true) // a retry of this make-up
    throw new DomainError('checkin.already_checked_in', '这一天已经签到过了')
  }
  const { costPoints, maxPerMonth } = rules.checkin.makeup
  const month = today.slice(0, 7)

  let day: CheckinDayItem | undefined
  const result = await post(deps, {
    memberId,
    key: checkinKey(memberId, date),
    payload: { op: 'makeup', date },
    plan: async () => {
      const [previous, later] = await Promise.all([
        getDay(deps.table, memberId, addDays(date, -1)),
        daysBetween(deps.table, memberId, addDays(date, 1), today),
      ])
      // The run after the made-up day: consecutive days from date+1.
      const run: CheckinDayItem[] = []
      for (const d of later) {
        if (d.date !== addDays(date, run.length + 1)) break
        run.push(d)
      }
      const streak = (previous?.streak ?? 0) + 1
      const points = rules.checkin.basePoints
      const at = deps.clock().toISOString()
      day = newCheckinDay({ memberId, date, streak, points, bonus: 0, makeup: true, cost: costPoints, at })
      const expiryMonth = expiryMonthFor(now, rules.points.expiryMonths)
      const movements: Movement[] = [
        ...(costPoints > 0 ? [{ kind: 'spend', points: costPoints } as const] : []),
        ...(points > 0 ? [{ kind: 'earn', points, expiryMonth } as const] : []),
      ]
      const afterRun = addDays(date, run.length + 1)
      const sideParts = [
        checkinDayPutNewPart(deps.table, day),
        makeupCountPart(deps.table, memberId, month, maxPerMonth),
        dayAsReadPart('previousDay', deps.table, memberId, addDays(date, -1), previous),
        memberExistsPart(deps.table, memberId),
        // The run's later days get their new lengths; each guarded by the length read.
        ...run.map((d, i) => streakUpdatePart(deps.table, d, streak + i + 1)),
        // A check-in extending the run meanwhile would have used the old length: plan again.
        ...partIf(afterRun <= today, () => dayAsReadPart('dayAfterRun', deps.table, memberId, afterRun, undefined)),
      ]
      return {
        code: 'checkin_makeup',
        movements,
        ref: date,
        expiryMonth: points > 0 ? expiryMonth : undefined,
        note: `补签 ${date}：消耗 ${costPoints}，奖励 ${points}`,
        sideParts,
      }
    },
  })
  if (result?.replayed || !day) {
    const stored = await getDay(deps.table, memberId, date)
    if (!stored) throw new Error(`make-up ${date} posted without its day item`)
    return toResult(stored, true)
  }
  return toResult(day, false)
}
