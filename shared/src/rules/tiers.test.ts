import { defaultProgramRules } from './program-rules'
import { anniversary, growthWindow, nextAnniversary, purchasePoints, shanghaiWeekday, tierIndexFor } from './tiers'

const rules = defaultProgramRules()

describe('tiers', () => {
  it('finds the highest tier the growth reaches, thresholds inclusive', () => {
    expect([0, 99_999, 100_000, 499_999, 500_000, 2_000_000, 9e9].map((g) => rules.tiers[tierIndexFor(rules.tiers, g)].code))
      .toEqual(['base', 'base', 'silver', 'silver', 'gold', 'diamond', 'diamond'])
  })

  it('counts growth over the current month and the 11 before it', () => {
    expect(growthWindow('2027-02')).toEqual({ from: '2026-03', to: '2027-02' })
    expect(growthWindow('2026-12')).toEqual({ from: '2026-01', to: '2026-12' })
  })

  it('multiplies purchase points by tier and adds the member-day extra, rounding down', () => {
    const [base, silver, gold, diamond] = rules.tiers
    expect(purchasePoints(12_899, rules, base, false)).toBe(128)
    expect(purchasePoints(12_899, rules, silver, false)).toBe(153) // 128 × 1.2 = 153.6
    expect(purchasePoints(12_899, rules, silver, true)).toBe(217) // 128 × 1.7 = 217.6
    expect(purchasePoints(10_000, rules, gold, false)).toBe(150)
    expect(purchasePoints(10_000, rules, diamond, true)).toBe(300)
    expect(purchasePoints(99, rules, diamond, true)).toBe(0)
  })

  it('puts the anniversary of 29 February on 28 February in common years', () => {
    expect(anniversary('2024-02-29', 1)).toBe('2025-02-28')
    expect(anniversary('2024-02-29', 4)).toBe('2028-02-29')
    expect(nextAnniversary('2024-02-29', '2027-02-28')).toBe('2028-02-29')
    expect(nextAnniversary('2026-03-01', '2027-02-28')).toBe('2027-03-01')
    expect(nextAnniversary('2026-03-01', '2027-03-01')).toBe('2028-03-01')
  })

  it('tells the Shanghai weekday across UTC midnight', () => {
    expect(shanghaiWeekday(new Date('2026-11-24T15:59:59Z'))).toBe(2) // Tuesday 23:59 in Shanghai
    expect(shanghaiWeekday(new Date('2026-11-24T16:00:00Z'))).toBe(3) // Wednesday 00:00
  })
})
