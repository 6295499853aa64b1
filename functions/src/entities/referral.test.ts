import { newReferralItem, ReferralItem } from './referral'
import { RefStats } from './referral-counters'
import { InviteeRow } from './referral-invitee'

const bound = { inviteeId: 'm_invitee', referrerId: 'm_referrer', inviteCode: 'AB12CD34', openedAt: '2026-11-01T00:00:00.000Z', boundAt: '2026-11-01T01:00:00.000Z' }

describe('the referral item', () => {
  it('is built joined, unqualified, under the invitee’s key', () => {
    expect(newReferralItem({ ...bound, unrewardedReason: null })).toEqual({
      pk: 'MEMBER#m_invitee', sk: 'REFERRAL', type: 'referral', ...bound, status: 'joined', unrewardedReason: null, qualifiedAt: null, qualifyingOrderId: null,
    })
  })

  it('reads the outbox as a set of sides and keeps attributes it does not name (the index keys)', () => {
    const stored = { ...newReferralItem({ ...bound, unrewardedReason: null }), status: 'qualified', owed: new Set(['invitee']), rewardPoints: { referrer: 100, invitee: 50 }, gsi1pk: 'REFOWED' }
    const r = ReferralItem.parse(stored)
    expect(r.owed).toEqual(new Set(['invitee']))
    expect(r.rewardPoints).toEqual({ referrer: 100, invitee: 50 })
    expect(r.gsi1pk).toBe('REFOWED')
  })

  it.each([
    ['an unknown status', { status: 'paid' }],
    ['an unknown side owed', { owed: new Set(['nobody']) }],
    ['reward points missing a side', { rewardPoints: { referrer: 100 } }],
    ['another entity’s sort key', { sk: 'PROFILE' }],
  ])('refuses %s', (_, change) => {
    expect(() => ReferralItem.parse({ ...newReferralItem({ ...bound, unrewardedReason: null }), ...change })).toThrow()
  })
})

describe('the referrer’s counters', () => {
  it('count 0 for every counter not written yet (and before the first write)', () => {
    expect(RefStats.parse({})).toEqual({ joined: 0, unrewarded: 0, rewarding: 0, clawedBack: 0, rejected: 0, qualified: 0 })
    expect(RefStats.parse({ pk: 'MEMBER#m', sk: 'REFSTATS', type: 'refStats', joined: 3, rewarding: -1 })).toMatchObject({ joined: 3, rewarding: -1, qualified: 0 })
  })
})

describe('an invitee row', () => {
  it('is a bind, or a refusal with its reason', () => {
    const row = { sk: 'INVITEE#2026-11-01T01:00:00.000Z#m_invitee', referrerId: 'm_referrer', inviteeId: 'm_invitee', boundAt: '2026-11-01T01:00:00.000Z' }
    expect(InviteeRow.parse(row).rejected).toBeUndefined()
    expect(InviteeRow.parse({ ...row, rejected: 'self' }).rejected).toBe('self')
    expect(() => InviteeRow.parse({ ...row, rejected: 'bored' })).toThrow()
  })
})
