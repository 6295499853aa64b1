import { countsOf, type RefStats } from './stats'
import { statusOf, type ReferralItem } from './referral-item'

const stats: RefStats = { joined: 4, unrewarded: 1, rewarding: 5, clawedBack: 2, rejected: 3, qualified: 6 }

describe('countsOf', () => {
  it('splits the qualified-and-kept invites into still pending and rewarded', () => {
    expect(countsOf(stats, 2)).toEqual({ joined: 4, qualified: 2, rewarded: 3, unrewarded: 1, clawedBack: 2, rejected: 3 })
  })

  it('never counts more pending than there are invites being rewarded, nor below zero', () => {
    expect(countsOf({ ...stats, rewarding: 1 }, 3)).toMatchObject({ qualified: 1, rewarded: 0 })
    expect(countsOf({ ...stats, rewarding: -1 }, 0)).toMatchObject({ qualified: 0, rewarded: 0 })
  })
})

describe('statusOf', () => {
  const r: ReferralItem = {
    pk: 'MEMBER#m_invitee', sk: 'REFERRAL', type: 'referral', referrerId: 'm_referrer', inviteeId: 'm_invitee', inviteCode: 'AB12CD34',
    openedAt: '2026-11-01T00:00:00.000Z', boundAt: '2026-11-01T01:00:00.000Z', status: 'qualified', unrewardedReason: null,
    qualifiedAt: '2026-11-02T00:00:00.000Z', qualifyingOrderId: 'o-1', rewardDueAt: '2026-11-09T00:00:00.000Z',
  }

  it.each([
    ['2026-11-08T23:59:59.999Z', 'qualified'],
    ['2026-11-09T00:00:00.000Z', 'rewarded'],
    ['2026-12-01T00:00:00.000Z', 'rewarded'],
  ])('a qualified invite at %s is %s (rewarded once its return window has passed)', (now, status) => expect(statusOf(r, new Date(now))).toBe(status))

  it('keeps unrewarded (over a cap) and clawed back as they are', () => {
    expect(statusOf({ ...r, unrewardedReason: 'cap_day' }, new Date('2026-12-01T00:00:00Z'))).toBe('unrewarded')
    expect(statusOf({ ...r, status: 'clawed_back' }, new Date('2026-12-01T00:00:00Z'))).toBe('clawed_back')
    expect(statusOf({ ...r, status: 'joined', qualifiedAt: null, rewardDueAt: undefined }, new Date('2026-12-01T00:00:00Z'))).toBe('joined')
  })
})
