import { EntryCode } from '@siyu/shared/schemas/points'
import { ACTIVATION_TEXT, ENTRY_LABELS, FILTERS, codeOf, entryAmount, entryLabel, entryNote } from './entries'

describe('entryLabel', () => {
  it.each<[EntryCode, string]>([
    ['checkin', '签到奖励'],
    ['checkin_makeup', '补签（消耗与奖励）'],
    ['purchase', '消费积分（待生效）'],
    ['purchase_activation', '待生效积分到账'],
    ['purchase_reversal', '退货扣回'],
    ['coupon_exchange', '积分兑券'],
    ['till_redemption', '门店积分抵现'],
    ['till_redemption_void', '积分抵现撤销'],
    ['tier_gift', '升级礼（待生效）'],
    ['tier_gift_reversal', '升级礼收回'],
    ['birthday_gift', '生日礼'],
    ['referral_reward', '邀请奖励（待生效）'],
    ['referral_clawback', '邀请奖励扣回'],
    ['expiry', '积分过期'],
    ['adjustment', '人工调整'],
  ])('labels %s as %s', (code, label) => expect(entryLabel(code)).toBe(label))

  it('has a label for every code and no stray ones', () => {
    expect(Object.keys(ENTRY_LABELS).sort()).toEqual([...EntryCode.options].sort())
  })

  it('does not crash on a code added by a newer server', () => {
    expect(entryLabel('gift' as EntryCode)).toBe('积分变动')
  })
})

describe('entryAmount', () => {
  it.each([
    ['a gain in green', 'checkin', 10, { text: '+10', tone: 'plus' }],
    ['a pending purchase as a gain', 'purchase', 128, { text: '+128', tone: 'plus' }],
    ['a spend in red', 'coupon_exchange', -50, { text: '-50', tone: 'minus' }],
    ['an expiry in red', 'expiry', -250, { text: '-250', tone: 'minus' }],
    ['a zero as a plain 0', 'adjustment', 0, { text: '0', tone: 'neutral' }],
    ['an activation as text, not its net 0', 'purchase_activation', 0, { text: ACTIVATION_TEXT, tone: 'neutral' }],
  ] as const)('shows %s', (_, code, points, shown) => {
    expect(entryAmount({ code, points })).toEqual(shown)
  })
})

describe('entryNote', () => {
  it('shows the reason of an adjustment', () => expect(entryNote({ code: 'adjustment', note: '补发活动积分' })).toBe('补发活动积分'))
  it('hides notes of other entries', () => expect(entryNote({ code: 'purchase', note: 'order 42' })).toBeUndefined())
  it('shows nothing for an adjustment without a note', () => expect(entryNote({ code: 'adjustment' })).toBeUndefined())
})

describe('FILTERS', () => {
  it('offers 全部 first, then one code per chip', () => {
    expect(FILTERS.map((f) => f.label)).toEqual(['全部', '签到', '消费', '兑换', '过期', '调整'])
    expect(FILTERS.map((f) => codeOf(f.key))).toEqual([undefined, 'checkin', 'purchase', 'coupon_exchange', 'expiry', 'adjustment'])
  })
})
