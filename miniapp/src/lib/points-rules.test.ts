import { pointsRuleLines } from './points-rules'

const program = {
  checkin: { basePoints: 10 },
  earning: { pointsPerYuan: 1 },
  points: { expiryMonths: 12, returnWindowDays: 7, expiringSoonDays: 30 },
}

describe('pointsRuleLines', () => {
  it('states the published rules, with an expiry example from this Shanghai month', () => {
    // 2026-11-30 17:00 UTC is already 1 December in Shanghai.
    expect(pointsRuleLines(program, new Date('2026-11-30T17:00:00Z'))).toEqual([
      '每日签到可得 10 积分',
      '每消费 1 元积 1 分',
      '消费积分在 7 天退货期结束后到账，此前显示为“待生效”',
      '积分在获得当月之后第 12 个月的月底过期（本月获得的积分于 2027-12-31 过期）',
    ])
  })

  it('says so when points never expire and purchases count at once', () => {
    const lines = pointsRuleLines({ ...program, points: { expiryMonths: 0, returnWindowDays: 0, expiringSoonDays: 30 } }, new Date())
    expect(lines.slice(2)).toEqual(['消费积分即时到账', '积分长期有效'])
  })
})
