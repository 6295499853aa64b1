import { StoreAuditItem, toAuditEntry } from './store-audit'
import { OrderItem } from './order'
import { TillActionItem } from './till-action'
import { TierItem } from './tier'

const action = {
  pk: 'ACTION#pur_o1', sk: 'ACTION', type: 'tillAction', actionId: 'pur_o1', kind: 'purchase', storeId: 's1', staffId: 'm_c', memberId: 'm_1',
  orderId: 'o1', refundId: null, amountFen: 5000, points: 50, discountFen: 0, couponCode: null, at: '2026-11-25T02:00:00.000Z', day: '2026-11-25',
  voided: false, requestId: 'req-1',
}

describe('till items as read', () => {
  it('parses an action, keeping what a later write added (voidedBy)', () => {
    expect(TillActionItem.parse({ ...action, voided: true, voidedBy: 'm_m' })).toMatchObject({ voided: true, voidedBy: 'm_m' })
  })

  it.each([
    ['an unknown kind', { kind: 'gift' }],
    ['fractional points', { points: 1.5 }],
    ['another entity', { type: 'order' }],
  ])('refuses an action with %s', (_, over) => {
    expect(() => TillActionItem.parse({ ...action, ...over })).toThrow()
  })

  it('refuses an order without its refunded total', () => {
    expect(() => OrderItem.parse({ type: 'order', orderId: 'o1', storeId: 's1', memberId: 'm_1', amountFen: 1, paidFen: 1, points: 0, reversedPoints: 0, couponCode: null, month: '2026-11', status: 'active', at: 'x' })).toThrow()
  })

  it('shows an audit entry without its keys, an absent member or amount as null', () => {
    const raw = { pk: 'AUDIT#s1#2026-11-25', sk: '2026…#coupon_hold:c:o', type: 'audit', id: 'coupon_hold:c:o', at: '2026-11-25T02:00:00.000Z', storeId: 's1', staffId: 'm_c', action: 'coupon_hold', requestId: 'r' }
    expect(toAuditEntry(StoreAuditItem.parse(raw))).toEqual({
      id: 'coupon_hold:c:o', at: '2026-11-25T02:00:00.000Z', storeId: 's1', staffId: 'm_c', action: 'coupon_hold', memberId: null, orderId: null, amountFen: null, points: null, requestId: 'r',
    })
  })
})

describe('a tier item as read', () => {
  const tier = { type: 'tier', memberId: 'm', tier: 'silver', since: 's', anchor: '2026-03-12', reviewOn: '2027-03-12', version: 3 }

  it('takes both kinds of owed gifts: a legacy `{tier}@{date}` and a confirmed upgrade’s coupons', () => {
    const owed = ['gold@2025-01-01', { key: 'tierup:m:silver:v2', tier: 'silver', couponTemplateIds: ['t1'] }]
    expect(TierItem.parse({ ...tier, giftsDue: owed }).giftsDue).toEqual(owed)
  })

  it('refuses a provisional upgrade without the dates to restore', () => {
    const provisional = [{ id: 3, tier: 'silver', from: 'base', orderId: 'o', until: 'u', gifts: [] }]
    expect(() => TierItem.parse({ ...tier, giftsDue: [], provisional })).toThrow()
  })
})
