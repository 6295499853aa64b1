import { toSegments } from './paths'

/** `int`: a whole number as typed; `yuan`: typed in 元, stored in fen; `text`: a string. */
export type FieldKind = 'int' | 'yuan' | 'text'

export interface FieldDef {
  path: string
  label: string
  unit: string
  hint: string
  kind: FieldKind
}

export type TabKey = 'earning' | 'checkin' | 'tiers' | 'referrals' | 'till'

export const TABS: readonly { key: TabKey; title: string; sections: readonly string[] }[] = [
  { key: 'earning', title: '积分规则', sections: ['earning', 'points'] },
  { key: 'checkin', title: '签到', sections: ['checkin'] },
  { key: 'tiers', title: '等级', sections: ['tiers', 'memberDay'] },
  { key: 'referrals', title: '邀请', sections: ['referrals'] },
  { key: 'till', title: '收银规则', sections: ['till'] },
]

const f = (path: string, label: string, unit: string, hint: string, kind: FieldKind = 'int'): FieldDef => ({ path, label, unit, hint, kind })

/** The scalar fields of each tab, in the order shown. */
export const TAB_FIELDS: Record<TabKey, readonly FieldDef[]> = {
  earning: [
    f('earning.pointsPerYuan', '每元积分', '分/元', '每实付 1 元获得的积分'),
    f('points.expiryMonths', '积分有效期', '个月', '获得当月之后第 N 个月月底过期；0 为长期有效'),
    f('points.returnWindowDays', '退货期', '天', '消费积分在退货期内“待生效”，期满到账；0 为即时到账'),
    f('points.expiringSoonDays', '过期提醒', '天', '提前多少天提示会员积分即将过期'),
    f('points.maxAdjustment', '单次调整上限', '积分', '运营人工调整积分，单次最多增减的数量'),
  ],
  checkin: [
    f('checkin.basePoints', '每日签到积分', '积分', '每天签到获得的基础积分'),
    f('checkin.cycleDays', '签到周期', '天', '连签奖励每 N 天循环一次'),
    f('checkin.makeup.costPoints', '补签消耗', '积分', '补签一次扣除的积分（可得当天的基础积分）'),
    f('checkin.makeup.maxPerMonth', '每月补签次数', '次', '每个自然月最多补签的次数'),
  ],
  tiers: [],
  referrals: [
    f('referrals.attributionDays', '归因期', '天', '新人首次打开邀请后须在此天数内注册'),
    f('referrals.qualifyWithinDays', '达标期限', '天', '绑定后须在此天数内完成达标消费'),
    f('referrals.qualifyingFen', '达标消费', '元', '单笔实付至少达到此金额才算邀请达标', 'yuan'),
    f('referrals.referrerPoints', '邀请人奖励', '积分', '邀请达标后邀请人获得，退货期后到账'),
    f('referrals.inviteePoints', '新人奖励', '积分', '达标后被邀请人获得，退货期后到账'),
    f('referrals.maxPerDay', '每日奖励上限', '人', '每位邀请人每天最多获奖的邀请数，超出只绑定不奖励'),
    f('referrals.maxPerMonth', '每月奖励上限', '人', '每位邀请人每月最多获奖的邀请数'),
    f('referrals.refusalsPerMember.limit', '单人拒绝绑定上限', '次', '防刷：一位会员被拒绑定最多记录的次数'),
    f('referrals.refusalsPerMember.perSeconds', '单人上限恢复周期', '秒', '上述次数在此时长内逐步恢复'),
    f('referrals.refusalsPerReferrer.limit', '单邀请码拒绝上限', '次', '防刷：一个邀请码被拒绑定最多记录的次数'),
    f('referrals.refusalsPerReferrer.perSeconds', '邀请码上限恢复周期', '秒', '上述次数在此时长内逐步恢复'),
    f('referrals.opensPerCode.limit', '邀请码打开上限', '次', '一个邀请码短时间内最多被打开的次数'),
    f('referrals.opensPerCode.perSeconds', '打开上限恢复周期', '秒', '上述次数在此时长内逐步恢复'),
  ],
  till: [
    f('till.redeemPointsPerYuan', '抵现比例', '积分/元', '多少积分抵扣 1 元'),
    f('till.maxRedeemPointsPerOrder', '单笔抵扣上限', '积分', '一笔订单最多使用的积分'),
    f('till.managerApprovalFen', '店长审批金额', '元', '单笔消费超过此金额须店长确认', 'yuan'),
    f('till.actionsPerMinute', '店员操作频率', '次/分钟', '每位店员每分钟最多的收银操作（扫码、记账、退款等）'),
    f('till.memberActionsPerMinute', '会员操作频率', '次/分钟', '同一会员每分钟最多被操作的次数（各收银台合计）'),
    f('till.voidWindowMinutes', '撤销时限', '分钟', '店员可撤销自己操作的时限'),
  ],
}

/** Lists of items edited row by row: each item's fields (paths relative to the item). */
export const LISTS = {
  'checkin.bonuses': {
    label: '连签奖励', item: '奖励',
    fields: [f('day', '第几天', '天', '签到周期内的第几天'), f('points', '额外积分', '积分', '当天额外获得的积分')],
  },
  tiers: {
    label: '等级', item: '等级',
    fields: [
      f('code', '等级代码', '', '英文代码，会员记录引用它，已有等级请勿修改', 'text'),
      f('name', '等级名称', '', '会员看到的名称', 'text'),
      f('thresholdFen', '门槛', '元', '近 12 个月累计消费达到此金额升到该级；第一级为 0', 'yuan'),
      f('multiplierPercent', '积分倍数', '%', '消费积分 × 倍数，100% 为 1 倍'),
      f('memberDayBonusPercent', '会员日加成', '%', '会员日消费额外获得基础积分的百分比'),
      f('upgradeGift.points', '升级礼积分', '积分', '升到该级时赠送一次'),
      f('birthdayGift.points', '生日礼积分', '积分', '每年生日月赠送一次'),
    ],
  },
  'referrals.milestones': {
    label: '邀请里程碑', item: '里程碑',
    fields: [
      f('qualified', '达标人数', '人', '累计邀请达标人数达到时奖励'),
      f('checkinMultiplier', '签到倍数', '倍', '签到积分翻几倍'),
      f('days', '持续天数', '天', '翻倍持续的天数'),
    ],
  },
} as const satisfies Record<string, { label: string; item: string; fields: readonly FieldDef[] }>

export type ListKey = keyof typeof LISTS

/** What a section is called in a summary. */
export const SECTION_TITLES: Record<string, string> = {
  earning: '积分规则', points: '积分规则', checkin: '签到', tiers: '等级', memberDay: '会员日', referrals: '邀请', till: '收银规则',
}

const STATIC = new Map(Object.values(TAB_FIELDS).flat().map((d) => [d.path, d]))

/** The form field at a path, list items included (`tiers[1].thresholdFen` → 第 2 级 门槛). */
export function fieldAt(path: string): FieldDef | undefined {
  const known = STATIC.get(path)
  if (known) return known
  for (const [key, list] of Object.entries(LISTS)) {
    const hit = path.startsWith(`${key}[`) ? /^\[(\d+)\]\.(.+)$/.exec(path.slice(key.length)) : null
    const def = hit && list.fields.find((d) => d.path === hit[2])
    if (hit && def) return { ...def, path, label: `${list.item} ${Number(hit[1]) + 1} › ${def.label}` }
  }
  return undefined
}

/** Where a path is edited: the tab of its section, or none (sections the console does not edit). */
export function tabOf(path: string): TabKey | undefined {
  const section = String(toSegments(path)[0] ?? '')
  return TABS.find((t) => t.sections.includes(section))?.key
}
