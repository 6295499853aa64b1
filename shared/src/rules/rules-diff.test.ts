import { defaultProgramRules, type ProgramRules } from './program-rules'
import { diffRules, display, summariseChanges, yuan } from './rules-diff'

const base = defaultProgramRules()
const edit = (f: (r: ProgramRules) => void): ProgramRules => {
  const r = structuredClone(base)
  f(r)
  return r
}

describe('diffRules', () => {
  it('finds nothing between equal documents, whatever their version numbers', () => {
    expect(diffRules(base, { ...structuredClone(base), version: 9 })).toEqual([])
  })

  it.each([
    ['earn rate', (r: ProgramRules) => (r.earning.pointsPerYuan = 2), { path: 'earning.pointsPerYuan', label: '积分规则 › 每消费 1 元积分', before: '1 积分', after: '2 积分' }],
    ['a tier threshold, in 元', (r: ProgramRules) => (r.tiers[1].thresholdFen = 80_000), { path: 'tiers[1].thresholdFen', label: '等级 › 银卡会员 › 门槛', before: '¥1,000.00', after: '¥800.00' }],
    ['a tier multiplier', (r: ProgramRules) => (r.tiers[2].multiplierPercent = 175), { path: 'tiers[2].multiplierPercent', label: '等级 › 金卡会员 › 积分倍率', before: '150%', after: '175%' }],
    ['a gift’s coupons', (r: ProgramRules) => (r.tiers[0].birthdayGift.couponTemplateIds = ['ct_a', 'ct_b']), { path: 'tiers[0].birthdayGift.couponTemplateIds', label: '等级 › 普通会员 › 生日礼 › 优惠券', before: '无', after: 'ct_a、ct_b' }],
    ['the member day', (r: ProgramRules) => (r.memberDay.weekday = null), { path: 'memberDay.weekday', label: '会员日 › 星期', before: '周三', after: '不设会员日' }],
    ['expiry to never', (r: ProgramRules) => (r.points.expiryMonths = 0), { path: 'points.expiryMonths', label: '积分规则 › 有效期', before: '12 个月', after: '永不过期' }],
    ['a rate limit', (r: ProgramRules) => (r.referrals.opensPerCode = { limit: 200, perSeconds: 3600 }), { path: 'referrals.opensPerCode', label: '邀请 › 每个邀请码打开次数上限', before: '每 1 分钟 120 次', after: '每 1 小时 200 次' }],
    ['retention days', (r: ProgramRules) => (r.kpis.retentionDays = [1, 7, 14, 30]), { path: 'kpis.retentionDays', label: '指标 › 留存观察日', before: 'D1、D7、D30', after: 'D1、D7、D14、D30' }],
    ['the notice period', (r: ProgramRules) => (r.ruleChanges.noticeDays = 14), { path: 'ruleChanges.noticeDays', label: '规则变更 › 提前通知天数', before: '30 天', after: '14 天' }],
    ['a check-in bonus', (r: ProgramRules) => (r.checkin.bonuses[0].points = 50), { path: 'checkin.bonuses[0].points', label: '签到 › 第 7 天奖励 › 积分', before: '30 积分', after: '50 积分' }],
    ['the till’s approval amount', (r: ProgramRules) => (r.till.managerApprovalFen = 1_000_050), { path: 'till.managerApprovalFen', label: '收银规则 › 需店长审批的金额', before: '¥5,000.00', after: '¥10,000.50' }],
  ])('shows %s in words and units', (_what, change, expected) => {
    expect(diffRules(base, edit(change))).toEqual([expected])
  })

  it('matches tiers by code: a renamed tier is one change, an added and a removed tier one each', () => {
    const after = edit((r) => {
      r.tiers[1].name = '白银会员'
      r.tiers.splice(3, 1)
      r.tiers.push({ code: 'black', name: '黑金会员', thresholdFen: 3_000_000, multiplierPercent: 250, memberDayBonusPercent: 100, upgradeGift: { points: 2000, couponTemplateIds: [] }, birthdayGift: { points: 800, couponTemplateIds: ['ct_cake'] } })
    })
    expect(diffRules(base, after)).toEqual([
      { path: 'tiers[1].name', label: '等级 › 白银会员 › 名称', before: '银卡会员', after: '白银会员' },
      { path: 'tiers[3]', label: '等级 › 黑金会员', before: null, after: '新增：门槛 ¥30,000.00，积分倍率 250%，会员日加赠 100%，升级礼 2000 积分，生日礼 800 积分、优惠券 ct_cake' },
      { path: 'tiers[3]', label: '等级 › 钻石会员', before: '门槛 ¥20,000.00，积分倍率 200%，会员日加赠 100%，升级礼 1000 积分，生日礼 500 积分', after: null },
    ])
  })

  it('matches check-in bonuses by day and milestones by their count', () => {
    const after = edit((r) => {
      r.checkin.bonuses.unshift({ day: 3, points: 10 })
      r.referrals.milestones = [{ qualified: 10, checkinMultiplier: 3, days: 30 }, { qualified: 50, checkinMultiplier: 5, days: 60 }]
    })
    expect(diffRules(base, after)).toEqual([
      { path: 'checkin.bonuses[0]', label: '签到 › 第 3 天奖励', before: null, after: '新增：额外 10 积分' },
      { path: 'referrals.milestones[0].checkinMultiplier', label: '邀请 › 里程碑（达标 10 人） › 签到倍数', before: '2 倍', after: '3 倍' },
      { path: 'referrals.milestones[1]', label: '邀请 › 里程碑（达标 50 人）', before: null, after: '新增：签到积分 5 倍，持续 60 天' },
    ])
  })

  it('shows a field the labels do not know under its path, and one missing before as null', () => {
    const after = { ...structuredClone(base), loyalty: { extra: true } } as unknown as ProgramRules
    expect(diffRules(base, after)).toEqual([{ path: 'loyalty.extra', label: 'loyalty.extra', before: null, after: '是' }])
  })

  /** Every leaf of the default document, by path, with a value that differs from it. */
  function leaves(v: unknown, path: string, collections: string[]): [string, string][] {
    const rel = path.replace(/\[\d+\]/g, '')
    if (Array.isArray(v) && collections.includes(rel)) return leaves(v[0], `${path}[0]`, collections)
    if (v && typeof v === 'object' && !Array.isArray(v) && !/refusalsPer|opensPerCode/.test(path)) {
      return Object.entries(v).flatMap(([k, x]) => leaves(x, path ? `${path}.${k}` : k, collections))
    }
    return [[path, path.split(/[.[]/).pop() ?? path]]
  }

  it.each(leaves({ ...base, version: undefined }, '', ['tiers', 'checkin.bonuses', 'referrals.milestones']).filter(([p]) => p !== 'version'))(
    'labels %s in words',
    (path, leafKey) => {
      const after = structuredClone(base) as unknown as Record<string, unknown>
      const segments = path.replace(/\[(\d+)\]/g, '.$1').split('.')
      const parent = segments.slice(0, -1).reduce((o, k) => (o as Record<string, unknown>)[k], after as unknown) as Record<string, unknown>
      const last = segments[segments.length - 1]
      const old = parent[last]
      parent[last] = typeof old === 'number' ? old + 1 : typeof old === 'string' ? `${old}x` : Array.isArray(old) ? [...old, 99] : old === null ? 1 : { limit: 1, perSeconds: 1 }
      const changes = diffRules(base, after as unknown as ProgramRules)
      expect(changes.length).toBeGreaterThan(0)
      for (const c of changes) expect(c.label).not.toContain(leafKey)
    },
  )
})

describe('formatting', () => {
  it.each([[0, '¥0.00'], [5, '¥0.05'], [100_000, '¥1,000.00'], [123_456_789, '¥1,234,567.89'], [-50, '-¥0.50']])('shows %d fen as %s', (fen, text) => expect(yuan(fen)).toBe(text))
  it('shows booleans as 是/否', () => expect([display(true), display(false)]).toEqual(['是', '否']))
})

describe('summariseChanges', () => {
  const c = (label: string, before: string | null, after: string | null) => ({ path: label, label, before, after })
  it('lists up to three changes on one line, then how many in all', () => {
    expect(summariseChanges([c('积分规则 › 有效期', '12 个月', '6 个月')])).toBe('积分规则 › 有效期：12 个月 → 6 个月')
    expect(summariseChanges([c('a', '1', '2'), c('b', null, '新增：x'), c('c', 'y', null), c('d', '3', '4')])).toBe('a：1 → 2；b：新增：x；删除 c；等共 4 项')
    expect(summariseChanges([])).toBe('无变更')
  })
})
