import { StoreDayItem } from './store-day'

describe('a store day as read', () => {
  it('reads a counter never added to as 0, and keeps the ones that were', () => {
    expect(StoreDayItem.parse({ pk: 'STORE#s', sk: 'DAY#2026-11-25', purchases: 2, purchaseFen: 12_800, voids: -0 })).toMatchObject({
      purchases: 2, purchaseFen: 12_800, refunds: 0, redemptions: 0, pointsRedeemed: 0, voids: -0,
    })
  })

  it('reads a day without actions (no item) as all zeros', () => {
    expect(Object.values(StoreDayItem.parse({})).every((v) => v === 0)).toBe(true)
  })

  it('refuses a counter that is not a whole number', () => {
    expect(() => StoreDayItem.parse({ purchaseFen: 1.5 })).toThrow()
  })
})
