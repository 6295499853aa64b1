import { randomUUID } from 'node:crypto'
import { call, useIntegrationEnv } from '../../../test/integration'
import { useStreamConsumer } from '../../../test/stream'
import { buyAt, refundAt } from '../../../test/till'
import { consolePeople, name, NOT_ADMINS, type Login, type Who } from '../audit/test-fixtures'
import { adminRejectedHandler } from './handlers/referrals'
import { findReferral } from './referral-item'
import { bind, D, H, iso, member, outcome, rules, T0 } from './test-fixtures'
import { getDeps } from '../lib/deps'

// Qualification and clawback follow the till's writes on the table's stream.
useStreamConsumer(useIntegrationEnv({ stream: true }))

let people: Record<Who, Login>
let referrer: string
let invitees: string[]
const capped = { ...rules, referrals: { ...rules.referrals, maxPerDay: 1 } }

beforeAll(async () => {
  people = await consolePeople()
  referrer = await member()
  await name(referrer, '邀请达人')
  invitees = [await member(T0), await member(T0), await member(T0)]
  for (const [i, id] of invitees.entries()) {
    await name(id, `新朋友${i + 1}`)
    // Over the inviter's daily cap of one, the second and third bind unrewarded.
    expect(await outcome(bind(id, referrer, { at: iso(T0, (i + 1) * H), rules: capped }))).toBe('bound')
  }
  expect(await outcome(bind(referrer, referrer))).toBe('self')
  // The first invitee qualifies (both sides rewarded, pending), then the purchase is refunded in full.
  const orderId = `o-${randomUUID().slice(0, 12)}`
  await buyAt(invitees[0], 6000, iso(T0, D), { orderId })
  await refundAt(orderId, 6000, iso(T0, 2 * D))
  expect(await findReferral(getDeps().table, invitees[0])).toMatchObject({ status: 'clawed_back' })
})

const review = (query: Record<string, string>, token = people.admin.token) => call(adminRejectedHandler, { token, query })

describe('referral review', () => {
  it('lists refused binds with names and the reason in words', async () => {
    const res = await review({ kind: 'rejected' })
    expect(res.status).toBe(200)
    expect(res.body.items).toEqual([
      { at: expect.any(String), kind: 'rejected', invitee: { id: referrer, name: '邀请达人', phone: null }, referrer: { id: referrer, name: '邀请达人', phone: null }, reason: 'self', reasonText: '自己邀请自己（同一微信或手机号）', points: null },
    ])
  })

  it('lists binds left unrewarded by the inviter’s cap, newest first, paged', async () => {
    const first = await review({ kind: 'capped', limit: '1' })
    expect(first.body.items).toEqual([
      { at: iso(T0, 3 * H), kind: 'capped', invitee: expect.objectContaining({ id: invitees[2], name: '新朋友3' }), referrer: expect.objectContaining({ name: '邀请达人' }), reason: 'cap_day', reasonText: '邀请人当日奖励已达上限，未发奖励', points: null },
    ])
    const second = await review({ kind: 'capped', limit: '1', cursor: first.body.nextCursor })
    expect(second.body).toEqual({ items: [expect.objectContaining({ invitee: expect.objectContaining({ id: invitees[1] }), reason: 'cap_day' })], nextCursor: null })
    // A cursor of one kind is no cursor of another.
    expect((await review({ kind: 'rejected', cursor: first.body.nextCursor })).status).toBe(400)
  })

  it('lists clawbacks with the points taken back', async () => {
    const res = await review({ kind: 'clawed_back' })
    expect(res.body).toEqual({
      items: [{ at: expect.any(String), kind: 'clawed_back', invitee: expect.objectContaining({ id: invitees[0], name: '新朋友1' }), referrer: expect.objectContaining({ id: referrer }), reason: 'refund', reasonText: '首单退款后不再达标，奖励已收回', points: rules.referrals.referrerPoints + rules.referrals.inviteePoints }],
      nextCursor: null,
    })
  })

  it('refuses the old `status` query with 400', async () => {
    expect(await review({ status: 'rejected' })).toMatchObject({ status: 400, body: { error: { code: 'request.invalid' } } })
  })

  it.each(NOT_ADMINS)('refuses a %s with 403', async (who) => {
    const res = await review({ kind: 'capped' }, people[who].token)
    expect(res.status).toBe(403)
    expect(['auth.forbidden', 'staff.disabled']).toContain(res.body.error.code)
  })
})
