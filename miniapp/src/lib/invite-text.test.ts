import {
  boostText, inviteeRewardText, posterRewardText, shareTitle, inviteeRulesText, inviteeTotal, milestonePercent, milestoneText, referralDateText, referralStatusText,
  referrerRewardText, yuanText,
} from './invite-text'

const rewards = { referrerPoints: 100, inviteePoints: 50, qualifyingFen: 5000, qualifyWithinDays: 30 }
const milestone = { qualified: 10, checkinMultiplier: 2, days: 30 }

describe('invite texts', () => {
  it.each([
    [5000, '50 元'],
    [9950, '99.50 元'],
    [100_000, '1,000 元'],
  ])('says %i fen as %s', (fen, text) => expect(yuanText(fen)).toBe(text))

  it('states the reward for each side', () => {
    expect(referrerRewardText(rewards)).toBe('好友 30 天内完成首单满 50 元，你得 100 积分，好友得 50 积分')
    expect(inviteeRewardText(rewards)).toBe('完成首单满 50 元，你得 50 积分，好友得 100 积分')
    expect(inviteeRulesText({ attributionDays: 7, qualifyWithinDays: 30 }, 7)).toBe('打开邀请后 7 天内注册、注册后 30 天内完成首单有效，积分在 7 天退货期后到账')
  })

  it('words the share card and the poster for the friend', () => {
    expect(shareTitle('思域会员', rewards)).toBe('思域会员邀你加入，首单满 50 元得 50 积分')
    expect(posterRewardText(rewards)).toBe('新会员首单满 50 元，得 50 积分')
  })

  it.each([
    [0, '再邀请 10 位好友完成首单，签到积分翻倍 30 天', 0],
    [3, '再邀请 7 位好友完成首单，签到积分翻倍 30 天', 30],
    [9, '再邀请 1 位好友完成首单，签到积分翻倍 30 天', 90],
    [10, '已达成，签到积分翻倍 30 天即将生效', 100],
  ])('with %i qualified invites says "%s" at %i%%', (qualifiedTotal, text, percent) => {
    expect(milestoneText({ nextMilestone: milestone, qualifiedTotal })).toBe(text)
    expect(milestonePercent({ nextMilestone: milestone, qualifiedTotal })).toBe(percent)
  })

  it('names other multipliers, and says nothing once every milestone is reached', () => {
    expect(milestoneText({ nextMilestone: { qualified: 20, checkinMultiplier: 3, days: 7 }, qualifiedTotal: 12 })).toBe('再邀请 8 位好友完成首单，签到积分 3 倍 7 天')
    expect(milestoneText({ nextMilestone: null, qualifiedTotal: 12 })).toBeNull()
    expect(milestonePercent({ nextMilestone: null, qualifiedTotal: 12 })).toBe(100)
  })

  it('dates a running boost by its Shanghai day', () => {
    expect(boostText({ multiplier: 2, until: '2026-09-30T15:59:59.000Z' })).toBe('签到积分翻倍中，有效期至 2026-09-30')
    expect(boostText({ multiplier: 2, until: '2026-09-30T16:00:00.000Z' })).toBe('签到积分翻倍中，有效期至 2026-10-01')
    expect(boostText(null)).toBeNull()
  })

  it.each([
    ['joined', null, null, '已加入'],
    ['qualified', null, null, '已完成首单（奖励待生效）'],
    ['rewarded', null, null, '奖励已到账'],
    ['unrewarded', 'cap_day', null, '未获奖励（超过每日上限）'],
    ['unrewarded', 'cap_month', null, '未获奖励（超过每月上限）'],
    ['unrewarded', null, null, '未获奖励'],
    ['clawed_back', null, null, '奖励已扣回'],
    ['rejected', null, 'not_new', '未能加入（不是新会员）'],
    ['rejected', null, 'staff', '未能加入（门店员工不参与）'],
    ['rejected', null, 'invalid_ticket', '未能加入（邀请链接无效）'],
  ] as const)('says status %s (%s %s) as %s', (status, unrewardedReason, rejectedReason, text) =>
    expect(referralStatusText({ status, unrewardedReason, rejectedReason })).toBe(text))

  it('dates an invitee by the first purchase, else by joining (Shanghai days)', () => {
    expect(referralDateText({ boundAt: '2026-08-01T17:00:00.000Z', qualifiedAt: null })).toBe('2026-08-02 加入')
    expect(referralDateText({ boundAt: '2026-08-01T01:00:00.000Z', qualifiedAt: '2026-08-05T03:00:00.000Z' })).toBe('2026-08-05 完成首单')
  })

  it('counts every invitee but refused binds', () => {
    expect(inviteeTotal({ joined: 2, qualified: 1, rewarded: 3, unrewarded: 1, clawedBack: 1, rejected: 5 })).toBe(8)
  })
})
