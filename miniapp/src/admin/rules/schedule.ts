import { shanghaiDate } from '@siyu/shared/rules/business-day'
import type { ProgramRules } from '@siyu/shared/rules/program-rules'
import type { RuleChange, ScheduleChangeRequest } from '@siyu/shared/schemas/console'
import { changeLine } from '@/lib/rules-notice'
import { SECTION_TITLES } from './fields'
import { sectionOfPath } from './paths'

/** What a scheduled change may carry (earn rates, expiry, tiers); each is sent as a whole section. */
export const SCHEDULABLE = ['earning', 'points', 'tiers'] as const
export type SchedulableSection = (typeof SCHEDULABLE)[number]

const schedulable = (s: string): s is SchedulableSection => (SCHEDULABLE as readonly string[]).includes(s)

/** The sections an edit touches, split into those a schedule can carry and the others. */
export function splitSections(changes: readonly RuleChange[]): { schedulable: SchedulableSection[]; others: string[] } {
  const touched = [...new Set(changes.map((c) => sectionOfPath(c.path)))]
  return { schedulable: touched.filter(schedulable), others: touched.filter((s) => !schedulable(s)) }
}

/** Why this edit cannot be scheduled, or null when it can. */
export function scheduleBlock(changes: readonly RuleChange[]): string | null {
  const { schedulable: ok, others } = splitSections(changes)
  if (!ok.length && !others.length) return '还没有修改'
  if (!others.length) return null
  if (others.includes('memberDay')) {
    return '会员日不在可定时的规则内：请先撤销会员日的修改并定时其余变更，再单独「立即保存」会员日；或全部立即保存。'
  }
  const names = [...new Set(others.map((s) => SECTION_TITLES[s] ?? s))].join('、')
  return `本次修改包含「${names}」，只有积分规则和等级可以定时生效：请立即保存，或撤销这些修改后再定时。`
}

/** The request's sections: each changed schedulable section whole, as in the edited document. */
export function scheduleSections(rules: ProgramRules, changes: readonly RuleChange[]): ScheduleChangeRequest['sections'] {
  return Object.fromEntries(splitSections(changes).schedulable.map((s) => [s, rules[s]]))
}

/** An ISO date `n` days later (calendar arithmetic in UTC: no clock or time zone involved). */
export function addDays(isoDate: string, n: number): string {
  const [y, m, d] = isoDate.split('-').map(Number)
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10)
}

/** The first date a change may apply from: Shanghai today plus the notice period. */
export const earliestEffectiveOn = (now: Date, noticeDays: number): string => addDays(shanghaiDate(now), noticeDays)

const NOTICE_MAX = 300

/** A notice members can read, prefilled from the changes: 自 2027-01-05 起，会员规则调整：… */
export function defaultNotice(changes: readonly RuleChange[], effectiveOn: string): string {
  const head = `自 ${effectiveOn} 起，会员规则调整：`
  const lines = changes.map(changeLine)
  for (let n = lines.length; n > 0; n--) {
    const text = `${head}${lines.slice(0, n).join('；')}${n < lines.length ? `等 ${lines.length} 项` : ''}。`
    if (text.length <= NOTICE_MAX) return text
  }
  return `${head}共 ${lines.length} 项。`
}
