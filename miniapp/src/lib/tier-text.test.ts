import { confirmText, giftText, growthText, historyRow, keepText, provisionalGiftText, memberDayExtraText, memberDayText, nextTierText, progressPercent, thresholdText, timesText, windowMonths } from './tier-text'

const silver = { code: 'silver', name: '银卡会员', needFen: 87_650 }

describe('the next tier', () => {
  it.each([
    [silver, '再消费 ¥876.50 升级银卡会员'],
    [{ ...silver, needFen: 100_000 }, '再消费 ¥1,000 升级银卡会员'],
    [{ ...silver, needFen: 0 }, '已达到银卡会员条件'],
    [null, '已是最高等级'],
  ])('%j reads %s', (next, text) => {
    expect(nextTierText(next)).toBe(text)
  })

  it.each([
    [0, { ...silver, needFen: 100_000 }, 0],
    [12_350, silver, 12],
    [99_999, { ...silver, needFen: 1 }, 99],
    [100_000, { ...silver, needFen: 0 }, 100],
    [2_500_000, null, 100],
  ])('growth %i toward %j is %i %%', (growth, next, percent) => {
    expect(progressPercent(growth, next)).toBe(percent)
  })
})

describe('keeping the tier', () => {
  it.each([
    [null, null],
    [{ needFen: 50_000, by: '2027-03-01' }, '再消费 ¥500 保级，截止 2027-03-01'],
    [{ needFen: 0, by: '2027-03-01' }, '已达到保级条件'],
  ])('%j reads %s', (keep, text) => {
    expect(keepText(keep)).toBe(text)
  })
})

it('names the growth and its window', () => {
  expect(growthText(120_000, { fromMonth: '2026-01', toMonth: '2026-12' })).toBe('近 12 个月消费 ¥1,200（2026-01 至 2026-12）')
  expect(growthText(0, { fromMonth: '2025-12', toMonth: '2026-11' })).toBe('近 12 个月消费 ¥0（2025-12 至 2026-11）')
})

it.each([
  [3, '每周三为会员日'],
  [0, '每周日为会员日'],
  [6, '每周六为会员日'],
  [null, null],
])('member day %j reads %j', (weekday, text) => {
  expect(memberDayText(weekday)).toBe(text)
})

describe('the benefit table', () => {
  it.each([
    [100, '1 倍'],
    [120, '1.2 倍'],
    [150, '1.5 倍'],
    [125, '1.25 倍'],
    [200, '2 倍'],
  ])('multiplier %i %% is %s', (percent, text) => {
    expect(timesText(percent)).toBe(text)
  })

  it.each([
    [0, '—'],
    [50, '+0.5 倍'],
    [100, '+1 倍'],
  ])('member-day extra %i %% is %s', (percent, text) => {
    expect(memberDayExtraText(percent)).toBe(text)
  })

  it.each([
    [0, '注册即享'],
    [100_000, '¥1,000'],
    [2_000_000, '¥20,000'],
  ])('threshold %i reads %s', (fen, text) => {
    expect(thresholdText(fen)).toBe(text)
  })

  it.each([
    [{ points: 0, coupons: [] }, '—'],
    [{ points: 100, coupons: [] }, '100 积分'],
    [{ points: 0, coupons: [{ templateId: 'ct_1', title: '满100减20' }] }, '满100减20'],
    [{ points: 300, coupons: [{ templateId: 'ct_1', title: '满100减20' }, { templateId: 'ct_2', title: '生日蛋糕券' }] }, '300 积分 + 满100减20 + 生日蛋糕券'],
  ])('gift %j reads %s', (gift, text) => {
    expect(giftText(gift)).toBe(text)
  })
})

describe('history rows', () => {
  const ladder = [
    { code: 'base', name: '普通会员' },
    { code: 'silver', name: '银卡会员' },
    { code: 'gold', name: '金卡会员' },
  ]

  it.each([
    ['upgrade', 'base', 'silver', '普通会员 → 银卡会员', '升级'],
    ['review_drop', 'gold', 'silver', '金卡会员 → 银卡会员', '降级'],
    ['reversal', 'silver', 'base', '银卡会员 → 普通会员', '订单退款/撤销'],
    ['review_keep', 'silver', 'silver', '银卡会员', '保级成功'],
    ['review_drop', 'platinum', 'base', 'platinum → 普通会员', '降级'],
  ] as const)('%s from %s to %s reads %s, %s', (reason, from, to, change, text) => {
    expect(historyRow({ at: '2026-11-25T06:00:00.000Z', from, to, reason, growthFen: 120_000 }, ladder)).toEqual({ date: '2026-11-25', change, reason: text })
  })

  it('dates a change by the Shanghai day', () => {
    expect(historyRow({ at: '2026-11-30T17:30:00.000Z', from: 'base', to: 'silver', reason: 'upgrade', growthFen: 0 }, ladder).date).toBe('2026-12-01')
  })
})

it.each([
  ['2026-01', '2026-12', 12],
  ['2025-12', '2026-11', 12],
  ['2026-11', '2026-11', 1],
])('the window %s to %s spans %i months', (fromMonth, toMonth, months) => {
  expect(windowMonths({ fromMonth, toMonth })).toBe(months)
})

describe('an upgrade awaiting confirmation', () => {
  const now = new Date('2026-03-12T02:00:00.000Z')
  it.each([
    ['2026-03-19T02:00:00.000Z', '7 天后（2026-03-19）确认'],
    ['2026-03-19T01:59:00.000Z', '7 天后（2026-03-19）确认'],
    ['2026-03-13T01:00:00.000Z', '1 天后（2026-03-13）确认'],
    ['2026-03-12T02:30:00.000Z', '1 天后（2026-03-12）确认'],
    // Shanghai date: 20:00 UTC on the 18th is the 19th there.
    ['2026-03-18T20:00:00.000Z', '7 天后（2026-03-19）确认'],
  ])('confirmed at %s reads %s', (until, text) => {
    expect(confirmText(until, now)).toBe(text)
  })

  it.each([
    [{ giftPoints: 100, giftCoupons: [] }, '升级礼 100 积分待生效'],
    [{ giftPoints: 400, giftCoupons: [{ templateId: 'a', title: '银卡礼券' }, { templateId: 'b', title: '金卡 50 元券' }] }, '升级礼 400 积分待生效，银卡礼券、金卡 50 元券确认后发放'],
    [{ giftPoints: 0, giftCoupons: [{ templateId: 'a', title: '银卡礼券' }] }, '银卡礼券确认后发放'],
    [{ giftPoints: 0, giftCoupons: [] }, null],
  ])('gift %j reads %j', (gift, text) => {
    expect(provisionalGiftText(gift)).toBe(text)
  })
})
