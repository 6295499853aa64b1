import { defaultProgramRules } from '@siyu/shared/rules/program-rules'
import { call, tableSnapshot, useIntegrationEnv } from '../../../test/integration'
import { useStreamConsumer } from '../../../test/stream'
import { getDeps, overrideDeps, resetDeps } from '../lib/deps'
import { getSummary, listHistory } from '../ledger/queries'
import { findMember, loginByOpenid, setConsents } from '../members/members'
import { handler as authDev } from '../members/handlers/auth-dev'
import { getCalendar } from './calendar'
import { checkIn } from './checkin'
import { makeupCheckin } from './makeup'
import { handler as postCheckin } from './handlers/post-checkin'
import { handler as getCheckins } from './handlers/get-checkins'
import { handler as postMakeup } from './handlers/post-makeup'

// The member's last interaction is kept by the stream's consumer.
const stream = useStreamConsumer(useIntegrationEnv({ stream: true }))

const rules = defaultProgramRules()
let n = 0

/** A consenting member who joined at `joinedAt`. */
async function member(joinedAt = '2026-10-01T00:00:00Z'): Promise<string> {
  const deps = { table: getDeps().table, clock: () => new Date(joinedAt), ids: getDeps().ids }
  const { member } = await loginByOpenid(deps, { openid: `checkin-${Date.now()}-${n++}` })
  await setConsents(deps, member.memberId, { privacyPolicyVersion: rules.privacy.policyVersion, marketing: false, personalisation: false }, rules)
  return member.memberId
}

/** Deps at a Shanghai wall-clock time, e.g. '2026-11-05 09:00'. */
const at = (shanghai: string) => ({ table: getDeps().table, clock: () => new Date(`${shanghai.replace(' ', 'T')}:00+08:00`) })
const checkInAt = (m: string, shanghai: string) => checkIn(at(shanghai), rules, m)
const balance = async (m: string) => (await getSummary(getDeps().table, m, rules, new Date())).available

describe('daily check-in', () => {
  it('counts the streak across month and year ends by the Shanghai date, with the day-7 bonus, then restarts the cycle', async () => {
    const m = await member()
    const results = []
    for (const day of ['2026-12-26', '2026-12-27', '2026-12-28', '2026-12-29', '2026-12-30']) results.push(await checkInAt(m, `${day} 12:00`))
    // 23:59:59 on 31 Dec in Shanghai is 15:59:59 UTC: still the 31st.
    results.push(await checkIn({ table: getDeps().table, clock: () => new Date('2026-12-31T15:59:59Z') }, rules, m))
    // One second later it is 1 January in Shanghai (still 31 December in UTC).
    results.push(await checkIn({ table: getDeps().table, clock: () => new Date('2026-12-31T16:00:00Z') }, rules, m))
    results.push(await checkInAt(m, '2027-01-02 00:00'))
    expect(results.map((r) => [r.date, r.streak, r.points, r.bonus])).toEqual([
      ['2026-12-26', 1, 10, 0], ['2026-12-27', 2, 10, 0], ['2026-12-28', 3, 10, 0], ['2026-12-29', 4, 10, 0],
      ['2026-12-30', 5, 10, 0], ['2026-12-31', 6, 10, 0], ['2027-01-01', 7, 40, 30], ['2027-01-02', 8, 10, 0],
    ])
    expect(await balance(m)).toBe(110)
  })

  it('restarts the streak after a missed day', async () => {
    const m = await member()
    await checkInAt(m, '2026-11-01 08:00')
    await checkInAt(m, '2026-11-02 08:00')
    expect((await checkInAt(m, '2026-11-04 08:00')).streak).toBe(1)
  })

  it('answers a second call the same day with the first result and writes nothing', async () => {
    const m = await member()
    const first = await checkInAt(m, '2026-11-10 08:00')
    const before = await tableSnapshot()
    const again = await checkInAt(m, '2026-11-10 23:59')
    expect(again).toEqual({ ...first, alreadyCheckedIn: true })
    expect(await tableSnapshot()).toEqual(before)
  })

  it('pays once when the same member taps twenty times at once', async () => {
    const m = await member()
    const results = await Promise.all(Array.from({ length: 20 }, () => checkInAt(m, '2026-11-11 08:00')))
    expect(results.filter((r) => !r.alreadyCheckedIn)).toHaveLength(1)
    expect(new Set(results.map((r) => `${r.date}/${r.streak}/${r.points}`))).toEqual(new Set(['2026-11-11/1/10']))
    expect(await balance(m)).toBe(10)
    expect((await listHistory(getDeps().table, m, { limit: 10 })).items).toHaveLength(1)
  })

  it('records the interaction on the member', async () => {
    const m = await member()
    await checkInAt(m, '2026-11-12 09:30')
    await stream.settled()
    expect((await findMember(getDeps().table, m))?.lastInteractionAt).toBe('2026-11-12T01:30:00.000Z')
  })
})

describe('make-up check-in (补签)', () => {
  /** Checked in on 1–3 and 5–6 November, with today the 7th: the 4th is missing. */
  async function gappedMember(): Promise<string> {
    const m = await member()
    for (const d of ['01', '02', '03', '05', '06']) await checkInAt(m, `2026-11-${d} 08:00`)
    return m
  }

  it('joins two runs: the later days get their new lengths and today reaches the day-7 bonus', async () => {
    const m = await gappedMember()
    expect(await balance(m)).toBe(50)
    const made = await makeupCheckin(at('2026-11-07 10:00'), rules, m, '2026-11-04')
    expect(made).toEqual({ date: '2026-11-04', streak: 4, points: 10, bonus: 0, alreadyCheckedIn: false, makeup: true, cost: 20 })
    expect(await balance(m)).toBe(40)
    const today = await checkInAt(m, '2026-11-07 10:01')
    expect(today).toMatchObject({ streak: 7, points: 40, bonus: 30 })
    const calendar = await getCalendar(getDeps().table, rules, m, new Date('2026-11-07T03:00:00Z'))
    expect(calendar).toMatchObject({ streak: 7, checkedInToday: true, makeup: { used: 1, max: 2, cost: 20 } })
    expect(calendar.days.map((d) => d.date.slice(8))).toEqual(['01', '02', '03', '04', '05', '06', '07'])
    expect(calendar.days.find((d) => d.date === '2026-11-04')).toMatchObject({ makeup: true, points: 10 })
    const entry = (await listHistory(getDeps().table, m, { limit: 2 })).items[1]
    expect(entry).toMatchObject({ code: 'checkin_makeup', points: -10, note: '补签 2026-11-04：消耗 20，奖励 10' })
  })

  it('pays the base reward only, never a bonus the made-up day would have reached', async () => {
    const m = await member()
    for (const d of ['01', '02', '03', '04', '05', '06']) await checkInAt(m, `2026-11-${d} 08:00`)
    await checkInAt(m, '2026-11-08 08:00')
    // 7 November would have been day 7 of the streak.
    expect(await makeupCheckin(at('2026-11-09 08:00'), rules, m, '2026-11-07')).toMatchObject({ streak: 7, points: 10, bonus: 0 })
  })

  it('a retry of the same make-up answers with it and changes nothing', async () => {
    const m = await gappedMember()
    const first = await makeupCheckin(at('2026-11-07 10:00'), rules, m, '2026-11-04')
    const before = await tableSnapshot()
    expect(await makeupCheckin(at('2026-11-07 10:05'), rules, m, '2026-11-04')).toEqual({ ...first, alreadyCheckedIn: true })
    expect(await tableSnapshot()).toEqual(before)
  })

  it.each([
    ['today', '2026-11-07', 'checkin.makeup_not_allowed'],
    ['the future', '2026-11-20', 'checkin.makeup_not_allowed'],
    ['the previous month', '2026-10-31', 'checkin.makeup_not_allowed'],
    ['a day already checked in', '2026-11-05', 'checkin.already_checked_in'],
  ])('refuses %s and writes nothing', async (_, date, code) => {
    const m = await gappedMember()
    const before = await tableSnapshot()
    await expect(makeupCheckin(at('2026-11-07 10:00'), rules, m, date)).rejects.toMatchObject({ code })
    expect(await tableSnapshot()).toEqual(before)
  })

  it('refuses a day before the member joined', async () => {
    const m = await member('2026-11-03T02:00:00Z')
    await checkInAt(m, '2026-11-03 10:00')
    await checkInAt(m, '2026-11-04 10:00')
    await expect(makeupCheckin(at('2026-11-07 10:00'), rules, m, '2026-11-02')).rejects.toMatchObject({ code: 'checkin.makeup_not_allowed' })
  })

  it('refuses over the monthly cap and writes nothing', async () => {
    const m = await member()
    for (const d of ['01', '03', '05', '07', '09']) await checkInAt(m, `2026-11-${d} 08:00`)
    await makeupCheckin(at('2026-11-10 08:00'), rules, m, '2026-11-02')
    await makeupCheckin(at('2026-11-10 08:00'), rules, m, '2026-11-04')
    const before = await tableSnapshot()
    await expect(makeupCheckin(at('2026-11-10 08:00'), rules, m, '2026-11-06')).rejects.toMatchObject({ code: 'checkin.makeup_limit' })
    expect(await tableSnapshot()).toEqual(before)
    const calendar = await getCalendar(getDeps().table, rules, m, new Date('2026-11-10T00:00:00Z'))
    expect(calendar.makeupDates).toEqual([])
  })

  it('refuses without enough points and writes nothing', async () => {
    const m = await member()
    await checkInAt(m, '2026-11-01 08:00')
    const before = await tableSnapshot()
    await expect(makeupCheckin(at('2026-11-03 08:00'), rules, m, '2026-11-02')).rejects.toMatchObject({ code: 'points.insufficient' })
    expect(await tableSnapshot()).toEqual(before)
  })

  it('a make-up racing today’s check-in: whichever commits first, today ends with the joined streak', async () => {
    for (let i = 0; i < 5; i++) {
      const m = await gappedMember()
      const [made, today] = await Promise.all([
        makeupCheckin(at('2026-11-07 10:00'), rules, m, '2026-11-04'),
        checkInAt(m, '2026-11-07 10:00'),
      ])
      expect(made.streak).toBe(4)
      const calendar = await getCalendar(getDeps().table, rules, m, new Date('2026-11-07T02:00:00Z'))
      expect(calendar.streak).toBe(7)
      // The reward was decided by the streak at commit time: 10 if it went first, 40 if after.
      expect([10, 40]).toContain(today.points)
    }
  })

  it('two concurrent make-ups of different days under a cap of one: exactly one succeeds', async () => {
    const m = await gappedMember()
    await checkInAt(m, '2026-11-08 08:00')
    const tight = { ...rules, checkin: { ...rules.checkin, makeup: { costPoints: 20, maxPerMonth: 1 } } }
    const outcomes = await Promise.allSettled([
      makeupCheckin(at('2026-11-09 10:00'), tight, m, '2026-11-04'),
      makeupCheckin(at('2026-11-09 10:00'), tight, m, '2026-11-07'),
    ])
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1)
    expect(outcomes.find((o) => o.status === 'rejected')).toMatchObject({ reason: { code: 'checkin.makeup_limit' } })
  })
})

describe('calendar', () => {
  it('lists the month, the streak, the next bonus and the days a make-up could fill', async () => {
    const m = await member()
    for (const d of ['02', '03', '05', '06']) await checkInAt(m, `2026-11-${d} 08:00`)
    const calendar = await getCalendar(getDeps().table, rules, m, new Date('2026-11-07T01:00:00Z')) // 09:00 on the 7th
    expect(calendar).toEqual({
      month: '2026-11', today: '2026-11-07', checkedInToday: false, streak: 2,
      nextBonus: { points: 30, inCheckins: 5, date: '2026-11-11' },
      days: ['02', '03', '05', '06'].map((d) => ({ date: `2026-11-${d}`, points: 10, bonus: 0, makeup: false })),
      makeupDates: ['2026-11-01', '2026-11-04'],
      makeup: { cost: 20, reward: 10, used: 0, max: 2 },
    })
    const october = await getCalendar(getDeps().table, rules, m, new Date('2026-11-07T01:00:00Z'), '2026-10')
    expect(october).toMatchObject({ month: '2026-10', days: [], makeupDates: [], streak: 2 })
  })
})

describe('HTTP', () => {
  afterEach(() => resetDeps())

  async function token(consent = true) {
    const openid = `checkin-http-${Date.now()}-${n++}`
    const res = await call(authDev, { body: { openid } })
    if (consent) await setConsents(getDeps(), res.body.member.id, { privacyPolicyVersion: rules.privacy.policyVersion, marketing: false, personalisation: false }, rules)
    return res.body.token as string
  }

  it('checks in, answers the repeat, and shows the calendar', async () => {
    const t = await token()
    overrideDeps({ clock: () => new Date('2026-11-20T02:00:00Z') })
    expect(await call(postCheckin, { token: t, body: {} })).toMatchObject({ status: 200, body: { date: '2026-11-20', streak: 1, points: 10, alreadyCheckedIn: false } })
    expect(await call(postCheckin, { token: t })).toMatchObject({ status: 200, body: { alreadyCheckedIn: true } })
    expect(await call(getCheckins, { token: t, query: { month: '2026-11' } })).toMatchObject({ status: 200, body: { checkedInToday: true, streak: 1 } })
  })

  it('refuses bad input and members without consent with 4xx, writing nothing', async () => {
    const t = await token()
    const noConsent = await token(false)
    const before = await tableSnapshot()
    expect((await call(getCheckins, { token: t, query: { month: '2026-13' } })).status).toBe(400)
    expect((await call(postMakeup, { token: t, body: { date: 'yesterday' } })).status).toBe(400)
    expect((await call(postMakeup, { token: t, body: {} })).status).toBe(400)
    expect((await call(postCheckin, {})).status).toBe(401)
    expect(await call(postCheckin, { token: noConsent })).toMatchObject({ status: 403, body: { error: { code: 'member.consent_required' } } })
    expect(await tableSnapshot()).toEqual(before)
  })
})
