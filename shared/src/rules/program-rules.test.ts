import { ProgramRules, defaultProgramRules, toPublicProgram } from './program-rules'

describe('program rules', () => {
  it('defaults to the figures of the brief', () => {
    expect(defaultProgramRules()).toMatchObject({
      version: 1,
      checkin: { basePoints: 10 },
      earning: { pointsPerYuan: 1 },
      lifecycle: { silentAfterDays: 30, churnedAfterDays: 90 },
      rfm: { minScore: 1, maxScore: 5 },
      kpis: { retentionDays: [1, 7, 30], repurchaseMonths: 3 },
    })
  })

  it('fills sections an older stored document lacks, so later fields can be added safely', () => {
    expect(ProgramRules.parse({ version: 3, checkin: { basePoints: 5 } }).earning.pointsPerYuan).toBe(1)
  })

  it.each([
    [{ version: 0 }],
    [{ version: 1, checkin: { basePoints: 1.5 } }],
    [{ version: 1, lifecycle: { silentAfterDays: 30, churnedAfterDays: 30 } }],
  ])('refuses %j', (doc) => expect(ProgramRules.safeParse(doc).success).toBe(false))

  it('publishes only what the app shows (members and the staff till), never e.g. lifecycle thresholds', () => {
    expect(Object.keys(toPublicProgram(defaultProgramRules())).sort()).toEqual(['brand', 'checkin', 'earning', 'memberCode', 'memberDay', 'notices', 'points', 'privacy', 'referrals', 'tiers', 'till', 'version'])
  })
})

describe('check-in rules', () => {
  it('refuses a bonus day outside the cycle and two bonuses on one day', () => {
    const parse = (checkin: unknown) => ProgramRules.safeParse({ version: 1, checkin }).success
    expect(parse({ cycleDays: 7, bonuses: [{ day: 8, points: 5 }] })).toBe(false)
    expect(parse({ cycleDays: 7, bonuses: [{ day: 3, points: 5 }, { day: 3, points: 6 }] })).toBe(false)
    expect(parse({ cycleDays: 30, bonuses: [{ day: 3, points: 5 }, { day: 30, points: 100 }] })).toBe(true)
  })
})
