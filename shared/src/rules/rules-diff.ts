import type { ProgramRules } from './program-rules'
import type { RuleChange } from '../schemas/console'

/**
 * What changed between two rules documents, in words an operator (or a member reading a notice)
 * understands: 「等级 › 银卡会员 › 门槛」 ¥1,000.00 → ¥800.00. Pure and free of zod, so the console
 * can show the same diff the server records. Every field of `ProgramRules` has a label; a field
 * added later without one still shows, under its path.
 */

type Fmt = (v: unknown) => string
interface Field { label: string; fmt?: Fmt }
/** An array whose items are matched by a key (a tier by its code), not by position. */
interface Collection {
  key: string
  label: (item: Record<string, unknown>) => string
  fields: Record<string, Field>
  /** The whole item in one line (for an added or removed item). */
  describe: (item: Record<string, unknown>) => string
}

/** Thousands separated by hand: the mini-program's JS engines differ in `toLocaleString`. */
const grouped = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
const num = (v: unknown) => (typeof v === 'number' ? grouped(v) : String(v))
const unit = (u: string): Fmt => (v) => `${num(v)} ${u}`

/** Integer fen as 元: 100000 → ¥1,000.00, −50 → -¥0.50. */
export function yuan(fen: unknown): string {
  if (typeof fen !== 'number') return String(fen)
  const abs = Math.abs(fen)
  const whole = grouped(Math.floor(abs / 100))
  return `${fen < 0 ? '-' : ''}¥${whole}.${String(abs % 100).padStart(2, '0')}`
}

const points = unit('积分')
const days = unit('天')
const times = unit('次')
const percent: Fmt = (v) => `${num(v)}%`
const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六']
const weekday: Fmt = (v) => (typeof v === 'number' ? (WEEKDAYS[v] ?? String(v)) : '不设会员日')
const expiry: Fmt = (v) => (v === 0 ? '永不过期' : `${num(v)} 个月`)
const seconds = (s: number) =>
  s % 86_400 === 0 ? `${s / 86_400} 天` : s % 3600 === 0 ? `${s / 3600} 小时` : s % 60 === 0 ? `${s / 60} 分钟` : `${s} 秒`
const rate: Fmt = (v) => {
  const r = v as { limit?: unknown; perSeconds?: unknown } | null
  return r && typeof r.limit === 'number' && typeof r.perSeconds === 'number' ? `每 ${seconds(r.perSeconds)} ${r.limit} 次` : display(v)
}
const list: Fmt = (v) => (Array.isArray(v) && v.length ? v.map(String).join('、') : '无')
const retention: Fmt = (v) => (Array.isArray(v) && v.length ? v.map((d) => `D${d}`).join('、') : '无')

/** Any value as shown when no field says better: 是/否, text, numbers, JSON for the rest. */
export function display(v: unknown): string {
  if (typeof v === 'boolean') return v ? '是' : '否'
  if (typeof v === 'number') return num(v)
  if (typeof v === 'string') return v
  if (v === null) return '无'
  return JSON.stringify(v)
}

/** Top-level fields by dotted path (an object with an entry here is compared as one value). */
const FIELDS: Record<string, Field> = {
  'brand.name': { label: '品牌 › 名称' },
  'privacy.policyVersion': { label: '隐私政策 › 版本' },
  'privacy.policyUrl': { label: '隐私政策 › 页面地址' },
  'checkin.basePoints': { label: '签到 › 每日积分', fmt: points },
  'checkin.cycleDays': { label: '签到 › 周期天数', fmt: days },
  'checkin.makeup.costPoints': { label: '签到 › 补签消耗', fmt: points },
  'checkin.makeup.maxPerMonth': { label: '签到 › 每月补签次数', fmt: times },
  'memberCode.stepSeconds': { label: '会员码 › 刷新间隔', fmt: unit('秒') },
  'memberCode.acceptSteps': { label: '会员码 › 前后容许步数', fmt: num },
  'memberCode.expiredLookbackSteps': { label: '会员码 › 识别过期码的步数', fmt: num },
  'memberDay.weekday': { label: '会员日 › 星期', fmt: weekday },
  'earning.pointsPerYuan': { label: '积分规则 › 每消费 1 元积分', fmt: points },
  'points.expiryMonths': { label: '积分规则 › 有效期', fmt: expiry },
  'points.returnWindowDays': { label: '积分规则 › 退货观察期', fmt: days },
  'points.expiringSoonDays': { label: '积分规则 › 即将过期提醒', fmt: days },
  'points.maxAdjustment': { label: '积分规则 › 单次调整上限', fmt: points },
  'till.redeemPointsPerYuan': { label: '收银规则 › 抵扣 1 元所需积分', fmt: points },
  'till.maxRedeemPointsPerOrder': { label: '收银规则 › 每单最多抵扣', fmt: points },
  'till.managerApprovalFen': { label: '收银规则 › 需店长审批的金额', fmt: yuan },
  'till.actionsPerMinute': { label: '收银规则 › 每位员工每分钟操作上限', fmt: times },
  'till.memberActionsPerMinute': { label: '收银规则 › 每位会员每分钟操作上限', fmt: times },
  'till.voidWindowMinutes': { label: '收银规则 › 撤销时限', fmt: unit('分钟') },
  'referrals.attributionDays': { label: '邀请 › 归因期', fmt: days },
  'referrals.qualifyWithinDays': { label: '邀请 › 达标期限', fmt: days },
  'referrals.qualifyingFen': { label: '邀请 › 达标消费金额', fmt: yuan },
  'referrals.referrerPoints': { label: '邀请 › 邀请人奖励', fmt: points },
  'referrals.inviteePoints': { label: '邀请 › 被邀请人奖励', fmt: points },
  'referrals.maxPerDay': { label: '邀请 › 每日奖励上限', fmt: unit('人') },
  'referrals.maxPerMonth': { label: '邀请 › 每月奖励上限', fmt: unit('人') },
  'referrals.refusalsPerMember': { label: '邀请 › 每位会员被拒次数上限', fmt: rate },
  'referrals.refusalsPerReferrer': { label: '邀请 › 每个邀请码被拒次数上限', fmt: rate },
  'referrals.opensPerCode': { label: '邀请 › 每个邀请码打开次数上限', fmt: rate },
  'lifecycle.silentAfterDays': { label: '会员生命周期 › 沉默天数', fmt: days },
  'lifecycle.churnedAfterDays': { label: '会员生命周期 › 流失天数', fmt: days },
  'rfm.minScore': { label: 'RFM › 最低分', fmt: num },
  'rfm.maxScore': { label: 'RFM › 最高分', fmt: num },
  'kpis.retentionDays': { label: '指标 › 留存观察日', fmt: retention },
  'kpis.repurchaseMonths': { label: '指标 › 复购周期', fmt: unit('个月') },
  'ruleChanges.noticeDays': { label: '规则变更 › 提前通知天数', fmt: days },
}

const gift = (g: unknown) => {
  const { points: p = 0, couponTemplateIds: ids = [] } = (g ?? {}) as { points?: number; couponTemplateIds?: string[] }
  return [p ? `${p} 积分` : '', ids.length ? `优惠券 ${ids.join('、')}` : ''].filter(Boolean).join('、') || '无'
}

const COLLECTIONS: Record<string, Collection> = {
  tiers: {
    key: 'code',
    label: (t) => `等级 › ${String(t.name)}`,
    fields: {
      code: { label: '代码' },
      name: { label: '名称' },
      thresholdFen: { label: '门槛', fmt: yuan },
      multiplierPercent: { label: '积分倍率', fmt: percent },
      memberDayBonusPercent: { label: '会员日加赠', fmt: percent },
      'upgradeGift.points': { label: '升级礼 › 积分', fmt: points },
      'upgradeGift.couponTemplateIds': { label: '升级礼 › 优惠券', fmt: list },
      'birthdayGift.points': { label: '生日礼 › 积分', fmt: points },
      'birthdayGift.couponTemplateIds': { label: '生日礼 › 优惠券', fmt: list },
    },
    describe: (t) =>
      `门槛 ${yuan(t.thresholdFen)}，积分倍率 ${percent(t.multiplierPercent)}，会员日加赠 ${percent(t.memberDayBonusPercent)}，升级礼 ${gift(t.upgradeGift)}，生日礼 ${gift(t.birthdayGift)}`,
  },
  'checkin.bonuses': {
    key: 'day',
    label: (b) => `签到 › 第 ${String(b.day)} 天奖励`,
    fields: { day: { label: '天数' }, points: { label: '积分', fmt: points } },
    describe: (b) => `额外 ${points(b.points)}`,
  },
  'referrals.milestones': {
    key: 'qualified',
    label: (m) => `邀请 › 里程碑（达标 ${String(m.qualified)} 人）`,
    fields: { qualified: { label: '达标人数', fmt: unit('人') }, checkinMultiplier: { label: '签到倍数', fmt: unit('倍') }, days: { label: '持续天数', fmt: days } },
    describe: (m) => `签到积分 ${String(m.checkinMultiplier)} 倍，持续 ${days(m.days)}`,
  },
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)
const shown = (v: unknown, fmt: Fmt = display) => (v === undefined ? null : fmt(v))
const keysOf = (a: unknown, b: unknown) => [...new Set([...Object.keys(isObject(a) ? a : {}), ...Object.keys(isObject(b) ? b : {})])]

interface Scope {
  fields: Record<string, Field>
  collections: Record<string, Collection>
  /** Label of the scope (a tier's 「等级 › 银卡会员」), '' at the top. */
  prefix: string
}

const join = (...parts: string[]) => parts.filter(Boolean).join(' › ')

/** Walks two values in step: labelled fields and collections are compared whole, other objects key by key. */
function walk(scope: Scope, rel: string, path: string, before: unknown, after: unknown, out: RuleChange[]): void {
  const collection = scope.collections[rel]
  if (collection && (Array.isArray(before) || Array.isArray(after))) return diffCollection(collection, path, before, after, out)
  const field = scope.fields[rel]
  if (!field && (isObject(before) || isObject(after))) {
    for (const k of keysOf(before, after)) {
      walk(scope, rel ? `${rel}.${k}` : k, path ? `${path}.${k}` : k, (before as Record<string, unknown>)?.[k], (after as Record<string, unknown>)?.[k], out)
    }
    return
  }
  if (same(before, after)) return
  out.push({ path, label: join(scope.prefix, field?.label ?? rel), before: shown(before, field?.fmt), after: shown(after, field?.fmt) })
}

function diffCollection(c: Collection, path: string, before: unknown, after: unknown, out: RuleChange[]): void {
  const items = (v: unknown) => (Array.isArray(v) ? v.filter(isObject) : [])
  const [b, a] = [items(before), items(after)]
  const keyOf = (i: Record<string, unknown>) => JSON.stringify(i[c.key])
  const beforeByKey = new Map(b.map((i) => [keyOf(i), i]))
  const afterKeys = new Set(a.map(keyOf))
  a.forEach((item, index) => {
    const old = beforeByKey.get(keyOf(item))
    if (!old) out.push({ path: `${path}[${index}]`, label: c.label(item), before: null, after: `新增：${c.describe(item)}` })
    else walk({ fields: c.fields, collections: {}, prefix: c.label(item) }, '', `${path}[${index}]`, old, item, out)
  })
  b.forEach((item, index) => {
    if (!afterKeys.has(keyOf(item))) out.push({ path: `${path}[${index}]`, label: c.label(item), before: c.describe(item), after: null })
  })
}

/** Every field that differs, in the document's order; the version number is not a change. */
export function diffRules(before: ProgramRules, after: ProgramRules): RuleChange[] {
  const out: RuleChange[] = []
  const { version: _b, ...b } = before
  const { version: _a, ...a } = after
  walk({ fields: FIELDS, collections: COLLECTIONS, prefix: '' }, '', '', b, a, out)
  return out
}

const MAX_LISTED = 3

/** One line for an audit entry: the first few changes and how many more. */
export function summariseChanges(changes: RuleChange[]): string {
  if (!changes.length) return '无变更'
  const line = (c: RuleChange) =>
    c.before === null ? `${c.label}：${c.after ?? ''}` : c.after === null ? `删除 ${c.label}` : `${c.label}：${c.before} → ${c.after}`
  const listed = changes.slice(0, MAX_LISTED).map(line).join('；')
  return changes.length > MAX_LISTED ? `${listed}；等共 ${changes.length} 项` : listed
}
