import { defaultProgramRules } from '@siyu/shared/rules/program-rules'
import { fieldText, parseFieldText } from './field-text'
import { fieldAt, tabOf } from './fields'
import { setAt } from './paths'
import { anchorOf, checkDraft, issueMessage, type SchemaIssue } from './validate'
import { withoutVersion } from './use-rules-editor'

const draft = () => withoutVersion(defaultProgramRules())

describe('field text', () => {
  it.each([
    ['int', '12', 12],
    ['int', ' 0 ', 0],
    ['yuan', '1000', 100_000],
    ['yuan', '12.5', 1250],
    ['yuan', '0.01', 1],
    ['text', ' gold ', 'gold'],
  ] as const)('parses %s %j', (kind, text, value) => {
    expect(parseFieldText(kind, text)).toEqual({ ok: true, value })
  })

  it.each([
    ['int', '', '请填写'],
    ['int', '1.5', '请输入整数'],
    ['int', 'abc', '请输入整数'],
    ['yuan', '1.234', '请输入金额（元），最多两位小数'],
    ['yuan', '-3', '请输入金额（元），最多两位小数'],
  ] as const)('refuses %s %j', (kind, text, message) => {
    expect(parseFieldText(kind, text)).toEqual({ ok: false, message })
  })

  it('shows fen as 元 and numbers as typed', () => {
    expect(fieldText('yuan', 100_000)).toBe('1000')
    expect(fieldText('yuan', 1250)).toBe('12.5')
    expect(fieldText('yuan', 1205)).toBe('12.05')
    expect(fieldText('int', 7)).toBe('7')
    expect(fieldText('int', 'x')).toBe('x')
  })
})

describe('issue paths → fields', () => {
  it.each([
    [['earning', 'pointsPerYuan'], 'earning.pointsPerYuan'],
    [['tiers', 1, 'thresholdFen'], 'tiers[1].thresholdFen'],
    [['tiers', 1, 'upgradeGift', 'points'], 'tiers[1].upgradeGift.points'],
    // Not a field of the form (gift coupons): the list shows it.
    [['tiers', 1, 'upgradeGift', 'couponTemplateIds'], 'tiers'],
    [['tiers'], 'tiers'],
    [['checkin'], 'checkin'],
    [['checkin', 'bonuses', 0, 'points'], 'checkin.bonuses[0].points'],
    [['lifecycle'], 'lifecycle'],
  ])('%j → %s', (path, key) => {
    expect(anchorOf(path)).toBe(key)
  })

  it('labels list fields by their row and finds their tab', () => {
    expect(fieldAt('tiers[1].thresholdFen')).toMatchObject({ label: '等级 2 › 门槛', unit: '元', kind: 'yuan' })
    expect(tabOf('tiers[1].thresholdFen')).toBe('tiers')
    expect(tabOf('points.expiryMonths')).toBe('earning')
    expect(tabOf('memberDay.weekday')).toBe('tiers')
    expect(tabOf('lifecycle')).toBeUndefined()
  })

  it('words bounds in the field’s unit', () => {
    const issue = (over: Partial<SchemaIssue> & { code: string }): SchemaIssue => ({ path: [], message: 'x', ...over })
    expect(issueMessage(issue({ code: 'too_big', origin: 'number', maximum: 120, inclusive: true }), fieldAt('points.expiryMonths'))).toBe('不能大于 120 个月')
    expect(issueMessage(issue({ code: 'too_small', origin: 'number', minimum: 1, inclusive: true }), fieldAt('referrals.qualifyingFen'))).toBe('不能小于 0.01 元')
    expect(issueMessage(issue({ code: 'too_small', origin: 'number', minimum: 100, inclusive: true }), fieldAt('tiers[0].multiplierPercent'))).toBe('不能小于 100%')
    expect(issueMessage(issue({ code: 'too_small', origin: 'string', minimum: 1 }), fieldAt('tiers[0].name'))).toBe('请填写')
    expect(issueMessage(issue({ code: 'custom', message: '各级门槛必须递增' }), undefined)).toBe('各级门槛必须递增')
  })
})

describe('checkDraft', () => {
  it('passes the untouched document', () => {
    const check = checkDraft(draft(), {}, 3)
    expect(check.issues).toEqual([])
    expect(check.rules).toMatchObject({ version: 3, earning: { pointsPerYuan: 1 } })
  })

  it('reports each issue at its field, with the tab and a readable place', () => {
    let d = setAt(draft(), 'points.expiryMonths', 200)
    d = setAt(d, 'tiers[2].thresholdFen', 50_000)
    const check = checkDraft(d, {}, 1)
    expect(check.rules).toBeNull()
    expect(check.byKey).toEqual({ 'points.expiryMonths': '不能大于 120 个月', tiers: '各级门槛必须递增' })
    expect(check.issues.map((i) => [i.label, i.tab])).toEqual([['等级', 'tiers'], ['积分规则 › 积分有效期', 'earning']])
  })

  it('words a mistyped input in its own terms, not as the schema’s type error', () => {
    const d = setAt(draft(), 'earning.pointsPerYuan', '1.5')
    const check = checkDraft(d, { 'earning.pointsPerYuan': '1.5' }, 1)
    expect(check.byKey).toEqual({ 'earning.pointsPerYuan': '请输入整数' })
    expect(check.issues).toHaveLength(1)
  })

  it('reports a section’s own rule at the section', () => {
    const d = setAt(draft(), 'checkin.bonuses', [{ day: 9, points: 5 }])
    expect(checkDraft(d, {}, 1).byKey).toEqual({ checkin: '奖励日不能超过签到周期天数' })
  })
})
