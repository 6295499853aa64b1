import { addDays, daysInMonth, nextBonus } from '@siyu/shared/rules/checkin'
import { shanghaiDate } from '@siyu/shared/rules/business-day'
import type { ProgramRules } from '@siyu/shared/rules/program-rules'
import type { CheckinCalendar } from '@siyu/shared/schemas/checkin'
import type { Table } from '../lib/db'
import { getMember } from '../members/members'
import { makeupsUsed } from '../entities/makeup-counter'
import { daysBetween, getDay } from './days'

/** A month of check-ins with today's state: what the home card and the calendar page show. */
export async function getCalendar(table: Table, rules: ProgramRules, memberId: string, now: Date, month?: string): Promise<CheckinCalendar> {
  const today = shanghaiDate(now)
  const thisMonth = today.slice(0, 7)
  const shown = month ?? thisMonth
  const [days, todayItem, yesterdayItem, used, member] = await Promise.all([
    shown > thisMonth ? [] : daysBetween(table, memberId, `${shown}-01`, `${shown}-${String(daysInMonth(shown)).padStart(2, '0')}`),
    getDay(table, memberId, today),
    getDay(table, memberId, addDays(today, -1)),
    makeupsUsed(table, memberId, thisMonth),
    getMember(table, memberId),
  ])
  const checkedInToday = Boolean(todayItem)
  const streak = todayItem?.streak ?? yesterdayItem?.streak ?? 0
  const bonus = nextBonus(streak, rules.checkin)
  const { costPoints, maxPerMonth } = rules.checkin.makeup

  // Missed days this month a make-up could fill: after joining, before today, while any remain.
  const makeupDates: string[] = []
  if (shown === thisMonth && used < maxPerMonth) {
    const checked = new Set(days.map((d) => d.date))
    const joined = shanghaiDate(new Date(member.createdAt))
    for (let d = `${thisMonth}-01`; d < today; d = addDays(d, 1)) {
      if (d >= joined && !checked.has(d)) makeupDates.push(d)
    }
  }
  return {
    month: shown,
    today,
    checkedInToday,
    streak,
    nextBonus: bonus
      ? { points: bonus.points, inCheckins: bonus.inCheckins, date: addDays(today, checkedInToday ? bonus.inCheckins : bonus.inCheckins - 1) }
      : null,
    days: days.map((d) => ({ date: d.date, points: d.points, bonus: d.bonus, makeup: d.makeup })),
    makeupDates,
    makeup: { cost: costPoints, reward: rules.checkin.basePoints, used, max: maxPerMonth },
  }
}
