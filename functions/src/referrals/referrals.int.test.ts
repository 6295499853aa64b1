import { randomBytes, randomUUID } from 'node:crypto'
import { ProgramRules } from '@siyu/shared/rules/program-rules'
import { call, useIntegrationEnv } from '../../../test/integration'
import { behindTheConsumer, useStreamConsumer } from '../../../test/stream'
import { buyAt, memberCodeOf, refundAt, tillAt } from '../../../test/till'
import { recordPurchase } from '../staff/purchase'
import { recordRefund } from '../staff/refund'
import { getDeps } from '../lib/deps'
import { handler as authDev } from '../members/handlers/auth-dev'
import { setPhone } from '../members/members'
import { setRoles } from '../members/roles'
import { activateDuePending } from '../ledger/jobs'
import { getSummary, listHistory } from '../ledger/queries'
import { reconcile } from '../ledger/reconcile'
import { checkIn } from '../checkin/checkin'
import { disableStaff } from '../staff/invites'
import { bindReferral } from './bind'
import { adminRejectedHandler, bindHandler, inviteHandler, referralsHandler } from './handlers/referrals'
import { handler as openHandler } from './handlers/open-invite'
import { getMyInvite, listMyReferrals } from './queries'
import { reviewReferralsPage } from './review'
import { bind, bindDeps, codeOf, D, H, iso, member, outcome as refusal, rules, T0, ticketAt } from './test-fixtures'

// What follows a sale or refund (qualification, rewards, upgrades) runs on the table's stream; the till helpers wait for it.
useStreamConsumer(useIntegrationEnv({ stream: true }))

const points = (m: string, at: string) => getSummary(getDeps().table, m, rules, new Date(at))
const statuses = async (referrerId: string, at = new Date().toISOString()) => (await listMyReferrals(getDeps().table, referrerId, { limit: 50 }, new Date(at))).items.map((i) => i.status)

describe('the funnel', () => {
  it('binds a newcomer, qualifies them on a 50 元 purchase at the till, rewards both sides after the return window', async () => {
    const referrer = await member()
    const invitee = await member(T0)
    expect(await bind(invitee, referrer)).toMatchObject({ status: 'joined', unrewardedReason: null, replayed: false })
    expect(await bind(invitee, referrer)).toMatchObject({ status: 'joined', replayed: true })
    expect(await statuses(referrer, iso(T0, H))).toEqual(['joined'])

    await buyAt(invitee, 4999, iso(T0, 2 * D))
    expect(await statuses(referrer, iso(T0, 2 * D))).toEqual(['joined'])
    await buyAt(invitee, 6000, iso(T0, 3 * D))
    expect(await statuses(referrer, iso(T0, 3 * D))).toEqual(['qualified'])
    expect((await getMyInvite(getDeps().table, rules, referrer, new Date(iso(T0, 3 * D)))).counts).toMatchObject({ joined: 0, qualified: 1, rewarded: 0 })
    expect(await points(referrer, iso(T0, 3 * D))).toMatchObject({ pending: 100, available: 0 })
    expect(await points(invitee, iso(T0, 3 * D))).toMatchObject({ pending: 49 + 60 + 50 })
    // A later purchase does not pay again.
    await buyAt(invitee, 9000, iso(T0, 4 * D))
    expect(await points(referrer, iso(T0, 4 * D))).toMatchObject({ pending: 100 })

    await activateDuePending({ table: getDeps().table, clock: () => new Date(iso(T0, 11 * D)) })
    expect(await points(referrer, iso(T0, 11 * D))).toMatchObject({ pending: 0, available: 100 })
    expect(await statuses(referrer, iso(T0, 11 * D))).toEqual(['rewarded'])
    const rewards = await listHistory(getDeps().table, referrer, { limit: 10, code: 'referral_reward' })
    expect(rewards.items).toHaveLength(1)
    expect(await getMyInvite(getDeps().table, rules, referrer, new Date(iso(T0, 11 * D)))).toMatchObject({
      counts: { joined: 0, qualified: 0, rewarded: 1, rejected: 0 }, qualifiedTotal: 1, nextMilestone: { qualified: 10 },
      sharePath: expect.stringMatching(/^\/pages\/welcome\/index\?invite=[0-9A-Z]{8}$/),
    })
  })

  it('judges the qualifying purchase as it stands when the qualification is decided: a refund that landed first prevents it', async () => {
    const [referrer, invitee] = [await member(), await member(T0)]
    await bind(invitee, referrer)
    // The sale and its refund both commit before the stream's consumer handles the sale (its lag, or another shard first in AWS).
    const at = new Date(iso(T0, D))
    const code = await memberCodeOf(invitee, at)
    await behindTheConsumer(async () => {
      const sale = await recordPurchase(tillAt(at), { memberCode: code, orderId: `o-${randomUUID().slice(0, 12)}`, amountFen: 6000 })
      await recordRefund(tillAt(new Date(iso(T0, D + H))), { orderId: sale.orderId, refundId: `r-${randomUUID().slice(0, 12)}`, amountFen: 2000 })
    })
    // 40 元 left: below the qualifying 50 元, so no reward is paid and none has to be clawed back; a later purchase may still qualify.
    expect(await statuses(referrer, iso(T0, 2 * D))).toEqual(['joined'])
    expect(await points(referrer, iso(T0, 2 * D))).toMatchObject({ pending: 0, available: 0 })
    await buyAt(invitee, 6000, iso(T0, 3 * D))
    expect(await statuses(referrer, iso(T0, 3 * D))).toEqual(['qualified'])
  })

  it('does not qualify a purchase after the qualifying window', async () => {
    const [referrer, invitee] = [await member(), await member(T0)]
    await bind(invitee, referrer)
    await buyAt(invitee, 10_000, iso(iso(T0, H), 30 * D + 1))
    expect(await statuses(referrer, iso(T0, 31 * D))).toEqual(['joined'])
  })

  it('claws both rewards back when the qualifying purchase is refunded inside the return window, not after', async () => {
    const [referrer, invitee] = [await member(), await member(T0)]
    await bind(invitee, referrer)
    const order = await buyAt(invitee, 8000, iso(T0, D))
    await refundAt(order.orderId, 2000, iso(T0, 2 * D)) // 60 元 left: still qualifying
    expect(await statuses(referrer, iso(T0, 2 * D))).toEqual(['qualified'])
    await refundAt(order.orderId, 2000, iso(T0, 3 * D)) // 40 元 left: below 50
    expect(await statuses(referrer, iso(T0, 3 * D))).toEqual(['clawed_back'])
    expect((await getMyInvite(getDeps().table, rules, referrer, new Date(iso(T0, 3 * D)))).counts).toMatchObject({ qualified: 0, rewarded: 0, clawedBack: 1 })
    expect(await points(referrer, iso(T0, 3 * D))).toMatchObject({ pending: 0, available: 0, debt: 0 })
    expect(await points(invitee, iso(T0, 3 * D))).toMatchObject({ pending: 40 })
    expect((await listHistory(getDeps().table, referrer, { limit: 10, code: 'referral_clawback' })).items).toHaveLength(1)

    const [r2, i2] = [await member(), await member(T0)]
    await bind(i2, r2)
    const kept = await buyAt(i2, 8000, iso(T0, D))
    await activateDuePending({ table: getDeps().table, clock: () => new Date(iso(T0, 9 * D)) })
    await refundAt(kept.orderId, 8000, iso(T0, 9 * D))
    expect(await statuses(r2, iso(T0, 9 * D))).toEqual(['rewarded'])
    expect(await points(r2, iso(T0, 9 * D))).toMatchObject({ available: 100 })
  })

  it('lets only the direct inviter earn: nobody earns from their invitee’s invitees', async () => {
    const [a, b, c] = [await member(), await member(T0), await member(iso(T0, H))]
    await bind(b, a)
    await bind(c, b, { at: iso(T0, 2 * H) })
    await buyAt(c, 6000, iso(T0, D))
    expect(await points(b, iso(T0, D))).toMatchObject({ pending: 100 })
    expect(await points(a, iso(T0, D))).toMatchObject({ pending: 0 })
  })
})

describe('refusals', () => {
  it('refuses self-referral by member, phone; a cycle; staff on either side; a disabled referrer — and records each', async () => {
    const referrer = await member(T0)
    expect(await refusal(bind(referrer, referrer))).toBe('self')

    const piiKey = randomBytes(32)
    const [p1, p2] = [await member(), await member(T0)]
    for (const m of [p1, p2]) await setPhone({ ...getDeps(), piiKey }, m, '13912345678', rules)
    expect(await refusal(bind(p2, p1))).toBe('self')

    // Both new (an older inviter would be refused as not new before any cycle).
    const [a, b] = [await member(T0), await member(T0)]
    await bind(b, a)
    expect(await refusal(bind(a, b))).toBe('cycle')

    const clerk = await member()
    await setRoles(getDeps().table, clerk, { roles: ['clerk'], storeId: 'store-1' }, new Date())
    expect(await refusal(bind(await member(T0), clerk))).toBe('staff')
    const newClerk = await member(T0)
    await setRoles(getDeps().table, newClerk, { roles: ['clerk'], storeId: 'store-1' }, new Date())
    expect(await refusal(bind(newClerk, await member()))).toBe('staff')

    const gone = await member()
    await setRoles(getDeps().table, gone, { roles: ['clerk'], storeId: 'store-1' }, new Date())
    await disableStaff({ table: getDeps().table, clock: () => new Date() }, gone)
    expect(await refusal(bind(await member(T0), gone))).toBe('disabled')

    const rejected = await reviewReferralsPage(getDeps().table, { kind: 'rejected', limit: 100 })
    expect(rejected.items.filter((r) => [referrer, p1, b, clerk, gone].includes(r.referrer.id) || r.invitee.id === newClerk).map((r) => r.reason).sort())
      .toEqual(['cycle', 'disabled', 'self', 'self', 'staff', 'staff'])
    expect((await getMyInvite(getDeps().table, rules, referrer, new Date())).counts.rejected).toBe(1)
    // The code's owner sees each refused bind in their list, with the reason.
    expect((await listMyReferrals(getDeps().table, clerk, { limit: 10 }, new Date())).items).toEqual([expect.objectContaining({ status: 'rejected', rejectedReason: 'staff' })])
  })

  it('binds only newcomers: registered within 7 days after the server-recorded open (a minute of server clock skew)', async () => {
    const referrer = await member()
    const opened = T0
    const at = (createdAt: string) => member(createdAt)
    expect(await refusal(bind(await at(iso(opened, 7 * D)), referrer, { at: iso(opened, 7 * D + H) }))).toBe('bound')
    expect(await refusal(bind(await at(iso(opened, 7 * D + 1)), referrer, { at: iso(opened, 7 * D + H) }))).toBe('not_new')
    expect(await refusal(bind(await at(iso(opened, -59_000)), referrer))).toBe('bound')
    expect(await refusal(bind(await at(iso(opened, -61_000)), referrer))).toBe('not_new')
  })

  it('binds one invitee to exactly one of two referrers racing, forever', async () => {
    const [r1, r2, invitee] = [await member(), await member(), await member(T0)]
    const [c1, c2] = [await codeOf(r1), await codeOf(r2)]
    const tickets = new Map([[c1, await ticketAt(c1, T0)], [c2, await ticketAt(c2, T0)]])
    const outcomes = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => {
      const inviteCode = i % 2 ? c1 : c2
      return bindReferral(bindDeps(iso(T0, H)), rules, invitee, { inviteCode, ticket: tickets.get(inviteCode)! })
    }))
    const winners = new Set(outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value.boundAt] : [])))
    expect(winners.size).toBe(1)
    for (const o of outcomes) if (o.status === 'rejected') expect(o.reason).toMatchObject({ code: 'referral.already_bound' })
    expect([...(await statuses(r1)), ...(await statuses(r2))]).toEqual(['joined'])
  })
})

describe('caps and milestones', () => {
  it('binds invites over the daily cap unrewarded, with the reason; the next day has room again', async () => {
    const capped = ProgramRules.parse({ ...rules, referrals: { ...rules.referrals, maxPerDay: 2 } })
    const referrer = await member()
    const invitees = [await member(T0), await member(T0), await member(T0), await member(iso(T0, D))]
    const results = []
    for (const [i, m] of invitees.entries()) results.push(await bind(m, referrer, { rules: capped, at: iso(T0, i === 3 ? D + H : H) }))
    expect(results.map((r) => r.unrewardedReason)).toEqual([null, null, 'cap_day', null])
    await buyAt(invitees[2], 6000, iso(T0, 2 * D), { rules: capped })
    expect(await points(referrer, iso(T0, 2 * D))).toMatchObject({ pending: 0 })
    expect(await points(invitees[2], iso(T0, 2 * D))).toMatchObject({ pending: 60 })
    expect(await statuses(referrer, iso(T0, 2 * D))).toEqual(['joined', 'unrewarded', 'joined', 'joined'])
  })

  it('grants a milestone once: the check-in boost it gives doubles check-in points while it lasts', async () => {
    const twice = ProgramRules.parse({ ...rules, referrals: { ...rules.referrals, milestones: [{ qualified: 2, checkinMultiplier: 2, days: 30 }] } })
    const referrer = await member()
    for (let i = 0; i < 3; i++) {
      const invitee = await member(T0)
      await bind(invitee, referrer, { rules: twice })
      await buyAt(invitee, 6000, iso(T0, D + i * H), { rules: twice })
    }
    const invite = await getMyInvite(getDeps().table, twice, referrer, new Date(iso(T0, 2 * D)))
    expect(invite).toMatchObject({ qualifiedTotal: 3, nextMilestone: null, checkinBoost: { multiplier: 2, until: iso(T0, D + H + 30 * D) } })
    const day = await checkIn({ table: getDeps().table, clock: () => new Date(iso(T0, 2 * D)) }, twice, referrer)
    expect(day.points).toBe(20)
    const after = await checkIn({ table: getDeps().table, clock: () => new Date(iso(T0, 40 * D)) }, twice, referrer)
    expect(after.points).toBe(10)
  })
})

describe('HTTP', () => {
  async function login(openid = `ref-http-${randomUUID()}`) {
    const { body } = await call(authDev, { body: { openid } })
    return { token: body.token as string, memberId: body.member.id as string }
  }

  it('gives a code, binds by it with clear 4xx for unknown, refused and taken codes, and lists for the referrer and operators', async () => {
    const referrer = await login()
    const invite = await call(inviteHandler, { token: referrer.token })
    expect(invite).toMatchObject({ status: 200, body: { inviteCode: expect.stringMatching(/^[0-9A-Z]{8}$/), counts: { joined: 0 } } })
    const code = invite.body.inviteCode as string
    expect((await call(inviteHandler, { token: referrer.token })).body.inviteCode).toBe(code)

    const newcomer = await login()
    expect(await call(openHandler, { body: { inviteCode: 'ZZZZ2222' } })).toMatchObject({ status: 404, body: { error: { code: 'referral.code_unknown' } } })
    const opened = await call(openHandler, { body: { inviteCode: code.toLowerCase() } })
    expect(opened).toMatchObject({ status: 200, body: { inviteCode: code, ticket: expect.any(String), openedAt: expect.any(String), expiresAt: expect.any(String) } })
    const ticket = opened.body.ticket as string
    expect(await call(bindHandler, { token: newcomer.token, body: { inviteCode: 'ZZZZ2222', ticket } })).toMatchObject({ status: 404, body: { error: { code: 'referral.code_unknown' } } })
    // The device's own clock is no longer asked: the old body is a 400.
    expect(await call(bindHandler, { token: newcomer.token, body: { inviteCode: code, openedAt: new Date().toISOString() } })).toMatchObject({ status: 400, body: { error: { code: 'request.invalid' } } })
    expect(await call(bindHandler, { token: newcomer.token, body: { inviteCode: code.toLowerCase(), ticket } })).toMatchObject({ status: 200, body: { status: 'joined' } })
    expect(await call(bindHandler, { token: referrer.token, body: { inviteCode: code, ticket } })).toMatchObject({ status: 422, body: { error: { code: 'referral.rejected', details: { reason: 'self' } } } })
    const other = await call(inviteHandler, { token: (await login()).token })
    const otherTicket = (await call(openHandler, { body: { inviteCode: other.body.inviteCode } })).body.ticket
    expect(await call(bindHandler, { token: newcomer.token, body: { inviteCode: other.body.inviteCode, ticket: otherTicket } })).toMatchObject({ status: 409, body: { error: { code: 'referral.already_bound' } } })
    expect((await call(bindHandler, { token: newcomer.token, body: { inviteCode: code, ticket: 'not-a-ticket' } })).status).toBe(400)

    const list = await call(referralsHandler, { token: referrer.token, query: { limit: '10' } })
    // Newest first: the owner's own refused attempt, then the newcomer.
    expect(list).toMatchObject({ status: 200, body: { items: [{ status: 'rejected', rejectedReason: 'self' }, { status: 'joined', name: '微信用户', rejectedReason: null }], nextCursor: null } })
    expect((await call(adminRejectedHandler, { token: referrer.token, query: { kind: 'rejected' } })).status).toBe(403)
  })

  it('pages the referrer’s invitees newest first', async () => {
    const referrer = await member()
    const invitees: string[] = []
    for (let i = 0; i < 5; i++) {
      const m = await member(iso(T0, i * H))
      await bind(m, referrer, { at: iso(T0, i * H + 60_000), openedAt: iso(T0, i * H) })
      invitees.push(m)
    }
    const now = new Date()
    const first = await listMyReferrals(getDeps().table, referrer, { limit: 2 }, now)
    const second = await listMyReferrals(getDeps().table, referrer, { limit: 2, cursor: first.nextCursor! }, now)
    const third = await listMyReferrals(getDeps().table, referrer, { limit: 2, cursor: second.nextCursor! }, now)
    expect([...first.items, ...second.items, ...third.items].map((i) => i.boundAt)).toEqual(
      [4, 3, 2, 1, 0].map((i) => iso(T0, i * H + 60_000)),
    )
    expect(third.nextCursor).toBeNull()
  })

  it('leaves the ledger reconciled', async () => {
    expect((await reconcile(getDeps().table)).drifts).toEqual([])
  })
})
