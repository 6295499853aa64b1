import type { DomainEvent } from '@siyu/shared/schemas/events'
import { brandStatsChangeOf } from './counters'

const ev = (kind: DomainEvent['kind'], data: DomainEvent['data'] = {}, at = '2026-05-12T02:00:00.000Z'): DomainEvent => ({ id: `${kind}:x`, kind, memberId: 'm_x', storeId: null, at, day: '2026-05-12', data })
const posted = (code: string, points: number) => ev('points.posted', { code, points })

describe('what an event adds to the brand’s figures', () => {
  it.each([
    ['checkin', 10, { pointsIssued: 10 }],
    ['purchase', 123, { pointsIssued: 123 }],
    ['referral_reward', 50, { pointsIssued: 50 }],
    ['tier_gift', 200, { pointsIssued: 200 }],
    ['birthday_gift', 100, { pointsIssued: 100 }],
    ['adjustment', 30, { pointsIssued: 30 }],
    ['adjustment', -30, {}],
    ['checkin_makeup', 5, { pointsIssued: 5 }],
    ['checkin_makeup', -15, { pointsRedeemed: 15 }],
    ['coupon_exchange', -100, { pointsRedeemed: 100 }],
    ['till_redemption', -400, { pointsRedeemed: 400 }],
    ['purchase_activation', 0, {}],
    ['purchase_reversal', -123, {}],
    ['till_redemption_void', 400, {}],
    ['referral_clawback', -50, {}],
    ['tier_gift_reversal', -200, {}],
    ['expiry', -80, {}],
  ])('a %s entry of %i points counts %j, and moves the liability by its points', (code, points, counts) => {
    expect(brandStatsChangeOf(posted(code, points))).toEqual({ day: '2026-05-12', counts, liability: points })
  })

  it('takes a voided purchase or redemption back from the day of what it voids', () => {
    const voided = (actionKind: string) => ev('action.voided', { actionKind, amountFen: 8_000, points: 75, actionAt: '2026-05-11T15:55:00.000Z' }, '2026-05-11T16:05:00.000Z')
    expect(brandStatsChangeOf(voided('purchase'))).toEqual({ day: '2026-05-11', counts: { purchases: -1, purchaseFen: -8_000, pointsIssued: -75 } })
    expect(brandStatsChangeOf(voided('redemption'))).toEqual({ day: '2026-05-11', counts: { pointsRedeemed: -75 } })
    // An event kept before it carried the voided action's time: the void's own day.
    expect(brandStatsChangeOf(ev('action.voided', { actionKind: 'purchase', amountFen: 1, points: 0 })).day).toBe('2026-05-12')
  })

  it('counts coupons claimed, redeemed and given back (from the redemption’s day), per template too', () => {
    expect(brandStatsChangeOf(ev('coupon.claimed', { templateId: 'ct_1' }))).toEqual({ day: '2026-05-12', counts: { couponsClaimed: 1 } })
    expect(brandStatsChangeOf(ev('coupon.redeemed', { templateId: 'ct_1' }))).toEqual({ day: '2026-05-12', counts: { couponsRedeemed: 1 }, template: { id: 'ct_1', redeemed: 1 } })
    expect(brandStatsChangeOf(ev('coupon.returned', { templateId: 'ct_1', redeemedAt: '2026-05-01T02:00:00.000Z' }))).toEqual({ day: '2026-05-01', counts: { couponsRedeemed: -1 }, template: { id: 'ct_1', redeemed: -1 } })
  })

  it('counts joins and purchases (the amount rung up), and nothing for other events', () => {
    expect(brandStatsChangeOf(ev('member.registered'))).toEqual({ day: '2026-05-12', counts: { membersJoined: 1 } })
    expect(brandStatsChangeOf(ev('purchase.recorded', { amountFen: 6_000, paidFen: 5_500 }))).toEqual({ day: '2026-05-12', counts: { purchases: 1, purchaseFen: 6_000 } })
    for (const kind of ['refund.recorded', 'points.redeemed', 'checkin.made', 'tier.changed', 'referral.bound'] as const) expect(brandStatsChangeOf(ev(kind, { amountFen: 1 })).counts).toEqual({})
  })
})
