import { checkinToast, makeupPrompt, nextBonusText, streakText } from './checkin-text'

const result = { date: '2026-11-25', streak: 3, points: 10, bonus: 0, alreadyCheckedIn: false, makeup: false, cost: 0 }

describe('check-in texts', () => {
  it.each([
    [result, '签到成功 +10 积分'],
    [{ ...result, streak: 7, points: 40, bonus: 30 }, '签到成功 +40 积分（含连签奖励 30）'],
    [{ ...result, makeup: true, cost: 20 }, '补签成功 +10 积分'],
    [{ ...result, alreadyCheckedIn: true }, '今日已签到'],
  ])('toasts %j as %s', (r, text) => expect(checkinToast(r)).toBe(text))

  it('states the streak, and invites a member without one', () => {
    expect(streakText(4)).toBe('已连续签到 4 天')
    expect(streakText(0)).toBe('今天开始连续签到吧')
  })

  it('names the next bonus, or nothing when the rules have none', () => {
    expect(nextBonusText({ points: 30, inCheckins: 6, date: '2026-12-01' })).toBe('再签 6 天可额外获得 30 积分')
    expect(nextBonusText(null)).toBeNull()
  })

  it('spells out what a make-up costs, pays and leaves', () => {
    expect(makeupPrompt({ cost: 20, reward: 10, used: 1, max: 2 })).toBe('补签将消耗 20 积分，获得 10 积分，本月还可补签 1 次')
    expect(makeupPrompt({ cost: 0, reward: 5, used: 2, max: 2 })).toBe('补签将消耗 0 积分，获得 5 积分，本月还可补签 0 次')
  })
})
