import type { ClaimBlocker } from '@siyu/shared/schemas/coupons'
import {
  benefitFace, blockerReason, centerAction, centerOrder, extraDescription, daysLeftText, exchangePrompt, formatCouponCode, mineHint, stockHint, storesText, validityText, walletLine, type CenterItem,
} from './coupon-text'

const publicTemplate = {
  id: 'ct_public00001', title: '思域 满100减20', channel: { type: 'public' as const }, perMemberLimit: 1, totalStock: 100, validity: { type: 'days' as const, days: 7 },
}
const pointsTemplate = { ...publicTemplate, id: 'ct_points00001', title: '积分兑 10 元券', channel: { type: 'points' as const, pricePoints: 100 }, perMemberLimit: 2 }
const item = (over: Partial<CenterItem> = {}): CenterItem => ({ template: publicTemplate, remaining: 80, claimedByMe: 0, blocker: null, ...over })

describe('centerAction', () => {
  it.each<[ClaimBlocker | null, string, 'claim' | null]>([
    [null, '立即领取', 'claim'],
    ['sold_out', '已抢光', null],
    ['limit_reached', '已领取', null],
    ['not_started', '未开始', null],
    ['ended', '已结束', null],
    ['paused', '已暂停', null],
  ])('public template, blocker %s: %s', (blocker, label, kind) => {
    expect(centerAction(item({ blocker }))).toEqual({ label, kind })
  })

  it.each<[ClaimBlocker | null, string, 'exchange' | null]>([
    [null, '100 积分兑换', 'exchange'],
    ['sold_out', '已抢光', null],
    ['limit_reached', '已兑换', null],
  ])('points template, blocker %s: %s', (blocker, label, kind) => {
    expect(centerAction(item({ template: pointsTemplate, blocker }))).toEqual({ label, kind })
  })

  it('disables a blocker added by a newer server rather than offering the claim', () => {
    expect(centerAction(item({ blocker: 'region_locked' as ClaimBlocker }))).toEqual({ label: '暂不可领', kind: null })
  })
})

describe('blockerReason', () => {
  const window = { type: 'window' as const, from: '2026-12-01T02:00:00.000Z', to: '2026-12-31T16:00:00.000Z' }
  it.each<[string, CenterItem['template'], ClaimBlocker | null, string | null]>([
    ['claimable', publicTemplate, null, null],
    ['sold out', publicTemplate, 'sold_out', '本券已全部领完'],
    ['sold out, points', pointsTemplate, 'sold_out', '本券已全部兑完'],
    ['at the limit', publicTemplate, 'limit_reached', '每人限领 1 张，您已领满'],
    ['at the limit, points', pointsTemplate, 'limit_reached', '每人限兑 2 张，您已兑满'],
    ['a window not started, in Shanghai time', { ...publicTemplate, validity: window }, 'not_started', '2026-12-01 10:00 开始领取'],
    ['a points window not started', { ...pointsTemplate, validity: window }, 'not_started', '2026-12-01 10:00 开始兑换'],
    ['not started without a window', publicTemplate, 'not_started', '活动尚未开始'],
    ['ended', publicTemplate, 'ended', '活动已结束'],
    ['paused', publicTemplate, 'paused', '暂停发放中'],
    ['a blocker from a newer server', publicTemplate, 'region_locked' as ClaimBlocker, null],
  ])('%s', (_, template, blocker, reason) => expect(blockerReason({ template, blocker })).toBe(reason))
})

describe('centerOrder', () => {
  it('keeps the server order, sold-out templates last', () => {
    const list = [
      { id: 'latte', blocker: 'sold_out' as const }, { id: 'points', blocker: null }, { id: 'mine', blocker: 'limit_reached' as const },
      { id: 'gone', blocker: 'sold_out' as const }, { id: 'soon', blocker: 'not_started' as const },
    ]
    expect(centerOrder(list).map((e) => e.id)).toEqual(['points', 'mine', 'soon', 'latte', 'gone'])
  })
})

describe('extraDescription', () => {
  it.each([
    ['最多减 30 元', '9 折，最多减 30 元', null],
    ['', '立减 10 元', null],
    ['仅限堂食', '兑换 拿铁 一份', '仅限堂食'],
  ])('%j beside the rule %j: %j', (description, ruleText, shown) => expect(extraDescription({ description, ruleText })).toBe(shown))
})

describe('mineHint', () => {
  it('counts what a member holds while they may take more', () => {
    expect(mineHint(item({ template: pointsTemplate, claimedByMe: 1 }))).toBe('已兑 1/2 张')
    expect(mineHint(item({ template: { ...publicTemplate, perMemberLimit: 3 }, claimedByMe: 2 }))).toBe('已领 2/3 张')
  })
  it('says nothing before the first claim or once the button says it', () => {
    expect(mineHint(item())).toBeNull()
    expect(mineHint(item({ claimedByMe: 1, blocker: 'limit_reached' }))).toBeNull()
  })
})

describe('stockHint', () => {
  it.each([
    [12, 100, '仅剩 12 张'],
    [20, 50, '仅剩 20 张'],
    [21, 100, null],
    [99, 100, null],
    [900, 10_000, '仅剩 900 张'],
    [1001, 10_000, null],
    [0, 100, null],
  ])('%i of %i left: %s', (remaining, total, hint) => expect(stockHint(remaining, total)).toBe(hint))
})

describe('validityText', () => {
  it('describes a days validity from the claim', () => expect(validityText({ type: 'days', days: 7 })).toBe('领取后 7 天内有效'))
  it('gives a window as Shanghai dates, its exclusive end as the day before', () => {
    expect(validityText({ type: 'window', from: '2026-11-30T16:00:00.000Z', to: '2026-12-31T16:00:00.000Z' })).toBe('2026-12-01 至 2026-12-31')
  })
})

describe('benefitFace', () => {
  it.each([
    [{ kind: 'fixed', amountOffFen: 1000 }, { value: '10', unit: '元', note: '无门槛' }],
    [{ kind: 'threshold', thresholdFen: 10000, amountOffFen: 2000 }, { value: '20', unit: '元', note: '满 100 元可用' }],
    [{ kind: 'percent', percentOff: 10, capFen: 3000 }, { value: '9', unit: '折', note: '最多减 30 元' }],
    [{ kind: 'percent', percentOff: 15 }, { value: '8.5', unit: '折', note: '折扣券' }],
    [{ kind: 'gift', giftName: '拿铁' }, { value: '兑', unit: '', note: '拿铁' }],
  ] as const)('shows %j as %j', (benefit, face) => expect(benefitFace(benefit)).toEqual(face))
})

describe('wallet and detail text', () => {
  it('groups the 18 digits in fours', () => expect(formatCouponCode('123456789012345678')).toBe('1234 5678 9012 3456 78'))
  it('names all stores or lists the ids', () => {
    expect(storesText('all')).toBe('全部门店')
    expect(storesText(['store-1', 'store-2'])).toBe('store-1、store-2')
  })
  it('asks before spending points', () => expect(exchangePrompt('积分兑 10 元券', 100)).toBe('确认使用 100 积分兑换「积分兑 10 元券」？'))
  it.each([
    [{ status: 'available', lastDay: '2026-12-01', usedAt: null }, '有效期至 2026-12-01'],
    [{ status: 'held', lastDay: '2026-12-01', usedAt: null }, '有效期至 2026-12-01'],
    [{ status: 'used', lastDay: '2026-12-01', usedAt: '2026-11-25T06:03:00.000Z' }, '2026-11-25 14:03 已使用'],
    [{ status: 'expired', lastDay: '2026-11-20', usedAt: null }, '2026-11-20 已过期'],
  ] as const)('a %j coupon reads %s', (coupon, line) => expect(walletLine(coupon)).toBe(line))
  it.each([
    ['2026-11-25', '今天到期'],
    ['2026-11-26', '明天到期'],
    ['2026-12-01', '还剩 7 天'],
  ])('last day %s, Shanghai today 2026-11-25: %s', (lastDay, text) => {
    // 23:30 UTC on the 24th is already the 25th in Shanghai.
    expect(daysLeftText(lastDay, new Date('2026-11-24T23:30:00Z'))).toBe(text)
  })
})
