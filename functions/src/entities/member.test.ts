import { MemberItem, newMemberItem } from './member'

const now = '2026-11-01T00:00:00.000Z'

describe('the member item', () => {
  it('is created with the one role everybody has, no profile, and the unionid index entry when WeChat gave one', () => {
    expect(newMemberItem('m_1', { openid: 'o-1' }, now)).toEqual({
      pk: 'MEMBER#m_1', sk: 'PROFILE', type: 'member', memberId: 'm_1', openid: 'o-1', nickname: null, avatarUrl: null, birthday: null,
      roles: ['member'], storeId: null, createdAt: now, updatedAt: now, lastInteractionAt: now,
    })
    expect(newMemberItem('m_1', { openid: 'o-1', unionid: 'u-1' }, now)).toMatchObject({ unionid: 'u-1', gsi1pk: 'UNIONID#u-1', gsi1sk: 'MEMBER' })
  })

  it.each([
    ['an unknown role', { roles: ['member', 'owner'] }],
    ['no roles at all', { roles: undefined }],
    ['consents without the policy version', { consents: { privacyAcceptedAt: now, marketing: { optIn: true, at: now }, personalisation: { optIn: false, at: now } } }],
  ])('refuses %s', (_, change) => {
    expect(() => MemberItem.parse({ ...newMemberItem('m_1', { openid: 'o-1' }, now), ...change })).toThrow()
  })
})
