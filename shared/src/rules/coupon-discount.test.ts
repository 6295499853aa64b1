import { discountFor, ruleText } from './coupon-discount'

describe('coupon discounts (fen)', () => {
  it('fixed: the amount off, never more than the order', () => {
    expect(discountFor({ kind: 'fixed', amountOffFen: 2000 }, 12800)).toEqual({ applicable: true, discountFen: 2000, giftName: null })
    expect(discountFor({ kind: 'fixed', amountOffFen: 2000 }, 1500)).toMatchObject({ discountFen: 1500 })
  })

  it('percent: rounded down to the fen, then capped', () => {
    expect(discountFor({ kind: 'percent', percentOff: 15 }, 999)).toMatchObject({ discountFen: 149 }) // 149.85 → 149
    expect(discountFor({ kind: 'percent', percentOff: 15 }, 1)).toMatchObject({ discountFen: 0 })
    expect(discountFor({ kind: 'percent', percentOff: 20, capFen: 3000 }, 14999)).toMatchObject({ discountFen: 2999 })
    expect(discountFor({ kind: 'percent', percentOff: 20, capFen: 3000 }, 15000)).toMatchObject({ discountFen: 3000 })
    expect(discountFor({ kind: 'percent', percentOff: 20, capFen: 3000 }, 90000)).toMatchObject({ discountFen: 3000 })
  })

  it('threshold: applies from exactly the threshold', () => {
    const b = { kind: 'threshold', thresholdFen: 10000, amountOffFen: 2000 } as const
    expect(discountFor(b, 9999)).toEqual({ applicable: false, reason: '未满 100 元，不能使用' })
    expect(discountFor(b, 10000)).toMatchObject({ applicable: true, discountFen: 2000 })
  })

  it('gift: no money off, the gift named', () => {
    expect(discountFor({ kind: 'gift', giftName: '拿铁' }, 100)).toEqual({ applicable: true, discountFen: 0, giftName: '拿铁' })
  })

  it('refuses an order of zero or a fraction of a fen', () => {
    expect(discountFor({ kind: 'fixed', amountOffFen: 100 }, 0)).toMatchObject({ applicable: false })
    expect(discountFor({ kind: 'fixed', amountOffFen: 100 }, 10.5)).toMatchObject({ applicable: false })
  })

  it('says the rule in Chinese', () => {
    expect(ruleText({ kind: 'threshold', thresholdFen: 10000, amountOffFen: 2000 })).toBe('满 100 元减 20 元')
    expect(ruleText({ kind: 'percent', percentOff: 15, capFen: 3000 })).toBe('8.5 折，最多减 30 元')
    expect(ruleText({ kind: 'fixed', amountOffFen: 990 })).toBe('立减 9.9 元')
    expect(ruleText({ kind: 'gift', giftName: '拿铁' })).toBe('兑换 拿铁 一份')
  })
})
