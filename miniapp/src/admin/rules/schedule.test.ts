import { defaultProgramRules } from '@siyu/shared/rules/program-rules'
import type { RuleChange } from '@siyu/shared/schemas/console'
import { addDays, defaultNotice, earliestEffectiveOn, scheduleBlock, scheduleSections, splitSections } from './schedule'

const change = (path: string, label = path, before = '1 积分', after = '2 积分'): RuleChange => ({ path, label, before, after })

describe('scheduling an edit', () => {
  it('splits the touched sections into those a schedule carries and the others', () => {
    const changes = [change('earning.pointsPerYuan'), change('tiers[1].thresholdFen'), change('tiers[2].name'), change('memberDay.weekday')]
    expect(splitSections(changes)).toEqual({ schedulable: ['earning', 'tiers'], others: ['memberDay'] })
  })

  it.each([
    ['nothing changed', [], '还没有修改'],
    ['earn rates, expiry and tiers', [change('earning.pointsPerYuan'), change('points.expiryMonths'), change('tiers[0].name')], null],
    ['the member day too', [change('tiers[0].name'), change('memberDay.weekday')], expect.stringContaining('会员日不在可定时的规则内')],
    ['check-in rules', [change('earning.pointsPerYuan'), change('checkin.basePoints')], expect.stringContaining('「签到」')],
  ])('with %s: %p', (_, changes, block) => {
    expect(scheduleBlock(changes as RuleChange[])).toEqual(block)
  })

  it('sends each changed section whole', () => {
    const rules = { ...defaultProgramRules(), earning: { pointsPerYuan: 2 } }
    const sections = scheduleSections(rules, [change('earning.pointsPerYuan'), change('tiers[1].thresholdFen')])
    expect(sections).toEqual({ earning: { pointsPerYuan: 2 }, tiers: rules.tiers })
    expect(sections).not.toHaveProperty('points')
  })

  it('counts the notice period from the Shanghai date', () => {
    expect(addDays('2026-12-06', 30)).toBe('2027-01-05')
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29')
    // 2026-12-05 17:00 UTC is already 12-06 in Shanghai.
    expect(earliestEffectiveOn(new Date('2026-12-05T17:00:00Z'), 30)).toBe('2027-01-05')
  })

  it('prefills the notice with the date and the changes, within 300 characters', () => {
    const one = [change('earning.pointsPerYuan', '积分规则 › 每消费 1 元积分')]
    expect(defaultNotice(one, '2027-01-05')).toBe('自 2027-01-05 起，会员规则调整：积分规则 › 每消费 1 元积分：1 积分 → 2 积分。')
    const many = Array.from({ length: 30 }, (_, i) => change(`tiers[${i}].name`, `等级 › 第 ${i + 1} 级 › 名称`))
    const text = defaultNotice(many, '2027-01-05')
    expect(text.length).toBeLessThanOrEqual(300)
    expect(text).toMatch(/等 30 项。$/)
  })
})
