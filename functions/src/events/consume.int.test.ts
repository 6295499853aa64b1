import { randomUUID } from 'node:crypto'
import type { DynamoDBStreamEvent } from 'aws-lambda'
import { PutCommand } from '@aws-sdk/lib-dynamodb'
import { defaultProgramRules } from '@siyu/shared/rules/program-rules'
import { call, useIntegrationEnv } from '../../../test/integration'
import { useStreamConsumer } from '../../../test/stream'
import { buyAt, refundAt } from '../../../test/till'
import { startStreamPoller } from '../../../scripts/lib/stream-poller'
import { getDeps } from '../lib/deps'
import { keys } from '../lib/keys'
import { deleteItem } from '../lib/db'
import { loginByOpenid, setConsents } from '../members/members'
import { getMemberItem } from '../entities/member'
import { memberEventsPage, dayEvents } from '../entities/event-log'
import { wasHandled } from '../entities/event-handled'
import { setRoles } from '../members/roles'
import { handler as authDev } from '../members/handlers/auth-dev'
import { getSummary } from '../ledger/queries'
import { readTier } from '../tiers/tier-state'
import { checkIn } from '../checkin/checkin'
import { handler as streamHandler } from './handlers/stream'
import { handler as listHandler } from './handlers/list-dead-letters'
import { handler as replayHandler } from './handlers/replay-dead-letter'
import { runReaction } from './consume'
import type { Reaction } from './reactions'
import { TransactionRaced } from '../lib/transact'

const env = useIntegrationEnv({ stream: true })
const stream = useStreamConsumer(env)
const rules = defaultProgramRules()

async function newMember(): Promise<string> {
  const { member } = await loginByOpenid({ ...getDeps(), clock: () => new Date('2026-01-01T00:00:00Z') }, { openid: `events-${randomUUID()}` })
  return member.memberId
}

async function adminToken(): Promise<string> {
  const openid = `admin-${randomUUID()}`
  const first = await call(authDev, { body: { openid } })
  await setRoles(getDeps().table, first.body.member.id, { roles: ['admin'], storeId: null }, new Date())
  return (await call(authDev, { body: { openid } })).body.token
}

const kinds = async (m: string) => (await memberEventsPage(getDeps().table, m, 100)).events.map((e) => e.kind).sort()

describe('the stream consumer', () => {
  it('turns a sale into events and runs what follows it: the upgrade, the last interaction', async () => {
    const m = await newMember()
    // 1,000 CNY crosses silver (default threshold): the upgrade follows on the stream, not in the till's answer.
    const sale = await buyAt(m, 100_000, '2026-03-10T02:00:00.000Z')
    await stream.settled()
    expect((await readTier(getDeps().table, rules, m)).tier.code).not.toBe(rules.tiers[0].code)
    expect((await getMemberItem(getDeps().table, m))?.lastInteractionAt).toBe(sale.at)
    expect(await kinds(m)).toEqual(expect.arrayContaining(['member.registered', 'purchase.recorded', 'points.posted', 'tier.changed']))
    const [purchase] = (await memberEventsPage(getDeps().table, m, 100)).events.filter((e) => e.kind === 'purchase.recorded')
    expect(purchase).toMatchObject({
      id: `purchase.recorded:${sale.actionId}`, memberId: m, storeId: 'store-1', at: sale.at, day: '2026-03-10',
      data: { orderId: sale.orderId, amountFen: 100_000, paidFen: 100_000, points: sale.points },
    })
    expect(await wasHandled(getDeps().table, purchase.id, 'tier.upgrade')).toBe(true)
    // The day's index lists it too (insight and webhooks read days).
    const ofDay: string[] = []
    for await (const e of dayEvents(getDeps().table, '2026-03-10')) ofDay.push(e.id)
    expect(ofDay).toContain(purchase.id)
  })

  it('never moves the last interaction backwards, and records a refund as its own event', async () => {
    const m = await newMember()
    const sale = await buyAt(m, 5_000, '2026-03-10T02:00:00.000Z')
    const on12th = { ...getDeps(), clock: () => new Date('2026-03-12T02:00:00.000Z') }
    await setConsents(on12th, m, { privacyPolicyVersion: rules.privacy.policyVersion, marketing: false, personalisation: false }, rules)
    await checkIn(on12th, rules, m)
    await refundAt(sale.orderId, 5_000, '2026-03-11T02:00:00.000Z')
    await stream.settled()
    // The check-in is the latest interaction; a refund is not one.
    expect((await getMemberItem(getDeps().table, m))?.lastInteractionAt).toBe('2026-03-12T02:00:00.000Z')
    expect(await kinds(m)).toEqual(expect.arrayContaining(['refund.recorded', 'checkin.made']))
  })

  it('applies nothing twice when the stream delivers every record again', async () => {
    const m = await newMember()
    await buyAt(m, 100_000, '2026-03-10T02:00:00.000Z')
    await stream.settled()
    const tier = await readTier(getDeps().table, rules, m)
    const points = await getSummary(getDeps().table, m, rules, new Date('2026-03-10T03:00:00.000Z'))
    const events = await kinds(m)
    // A second reader from the stream's start delivers everything again to the real handler (as Lambda does after a failed batch).
    const again = await startStreamPoller({
      endpoint: process.env.DYNAMODB_ENDPOINT!, tableName: env.tableName,
      deliver: (records) => streamHandler({ Records: records } as DynamoDBStreamEvent),
    })
    await again.settled()
    await again.stop()
    await stream.settled()
    expect((await readTier(getDeps().table, rules, m)).item?.version).toBe(tier.item?.version)
    expect(await getSummary(getDeps().table, m, rules, new Date('2026-03-10T03:00:00.000Z'))).toEqual(points)
    expect(await kinds(m)).toEqual(events)
  })

  it('keeps a reaction that keeps failing as a dead letter an admin can list and replay once the cause is fixed', async () => {
    const m = await newMember()
    // A broken referral item (a writer's bug) makes the referral's qualification fail however often it is tried.
    await getDeps().table.db.send(new PutCommand({ TableName: env.tableName, Item: { ...keys.referral(m), type: 'referral', inviteeId: m, status: 42 } }))
    const sale = await buyAt(m, 100_000, '2026-03-10T02:00:00.000Z')
    await stream.settled()
    const token = await adminToken()
    const listed = await call(listHandler, { token, query: { limit: '50' } })
    expect(listed.status).toBe(200)
    const letter = listed.body.items.find((l: any) => l.event.memberId === m)
    expect(letter).toMatchObject({ reaction: 'referral.qualify', event: { kind: 'purchase.recorded', id: `purchase.recorded:${sale.actionId}` }, attempts: 1 })
    expect(letter.error).toMatch(/ZodError/)
    // The other reactions to the sale ran, and the sale stands.
    expect((await readTier(getDeps().table, rules, m)).tier.code).not.toBe(rules.tiers[0].code)
    expect((await getMemberItem(getDeps().table, m))?.lastInteractionAt).toBe(sale.at)

    // Replaying while the cause is still there fails again and keeps the letter, attempts counted.
    const failed = await call(replayHandler, { method: 'POST', token, params: { id: letter.id } })
    expect(failed).toMatchObject({ status: 409, body: { error: { code: 'events.replay_failed' } } })
    expect((await call(listHandler, { token })).body.items.find((l: any) => l.id === letter.id)).toMatchObject({ attempts: 2 })
    expect(await wasHandled(getDeps().table, letter.event.id, 'referral.qualify')).toBe(false)

    await deleteItem(getDeps().table, keys.referral(m))
    const replayed = await call(replayHandler, { method: 'POST', token, params: { id: letter.id } })
    expect(replayed).toMatchObject({ status: 200, body: { id: letter.id, reaction: 'referral.qualify', eventId: letter.event.id, replayed: true } })
    expect(await wasHandled(getDeps().table, letter.event.id, 'referral.qualify')).toBe(true)
    expect((await call(listHandler, { token })).body.items.some((l: any) => l.id === letter.id)).toBe(false)
    expect(await call(replayHandler, { method: 'POST', token, params: { id: letter.id } })).toMatchObject({ status: 404, body: { error: { code: 'events.dead_letter_not_found' } } })
    await stream.settled()
  })

  it('pages dead letters by the server cursor', async () => {
    const token = await adminToken()
    for (let i = 0; i < 3; i++) {
      const m = await newMember()
      await getDeps().table.db.send(new PutCommand({ TableName: env.tableName, Item: { ...keys.referral(m), type: 'referral', inviteeId: m, status: 42 } }))
      await buyAt(m, 1_000, '2026-03-10T02:00:00.000Z')
    }
    await stream.settled()
    const seen: string[] = []
    let cursor: string | undefined
    do {
      const page = await call(listHandler, { token, query: { limit: '2', ...(cursor ? { cursor } : {}) } })
      expect(page.status).toBe(200)
      expect(page.body.items.length).toBeLessThanOrEqual(2)
      seen.push(...page.body.items.map((l: any) => l.id))
      cursor = page.body.nextCursor ?? undefined
    } while (cursor)
    expect(new Set(seen).size).toBe(seen.length)
    expect(seen.length).toBeGreaterThanOrEqual(3)
    const all = new Map((await call(listHandler, { token, query: { limit: '100' } })).body.items.map((l: any) => [l.id, l.failedAt]))
    const failedAt = seen.map((id) => all.get(id))
    expect([...failedAt].sort().reverse()).toEqual(failedAt)
  })

  it('lets only admins see dead letters, and refuses a malformed id, cursor or limit', async () => {
    const { body } = await call(authDev, { body: { openid: `member-${randomUUID()}` } })
    expect((await call(listHandler, { token: body.token })).status).toBe(403)
    const admin = await adminToken()
    expect(await call(replayHandler, { method: 'POST', token: admin, params: { id: 'nope' } })).toMatchObject({ status: 400, body: { error: { code: 'request.invalid' } } })
    // A cursor the server did not make (another list's, or forged) is refused, not trusted.
    expect((await call(listHandler, { token: admin, query: { cursor: 'Zm9yZ2Vk' } })).status).toBe(400)
    expect((await call(listHandler, { token: admin, query: { limit: '0' } })).status).toBe(400)
  })
})

describe('a reaction under the retry policy', () => {
  const event = { id: `test.event:${randomUUID()}`, kind: 'checkin.made' as const, memberId: 'm_nobody0000', storeId: null, at: '2026-03-10T02:00:00.000Z', day: '2026-03-10', data: {} }
  const backoff = { attempts: 4, baseMs: 1, capMs: 1, sleep: async () => {}, random: () => 0 }

  it('is tried again after a lost race and counts as handled once it succeeds', async () => {
    let calls = 0
    const flaky: Reaction = { name: 'member.interaction', on: [], run: async () => { if (++calls < 3) throw new TransactionRaced(new Set(['member'])) } }
    expect(await runReaction({ table: getDeps().table, clock: () => new Date(), backoff }, rules, flaky, event)).toEqual({ ok: true })
    expect(calls).toBe(3)
    expect(await wasHandled(getDeps().table, event.id, 'member.interaction')).toBe(true)
  })

  it('gives up after the policy’s attempts, and at once on a refusal that no retry changes', async () => {
    const racing: Reaction = { name: 'tier.upgrade', on: [], run: async () => { throw new TransactionRaced(new Set(['tier'])) } }
    expect(await runReaction({ table: getDeps().table, clock: () => new Date(), backoff }, rules, racing, event)).toMatchObject({ ok: false, attempts: 4 })
    let calls = 0
    const broken: Reaction = { name: 'tier.upgrade', on: [], run: async () => { calls++; throw new Error('bug') } }
    expect(await runReaction({ table: getDeps().table, clock: () => new Date(), backoff }, rules, broken, event)).toMatchObject({ ok: false, attempts: 1, error: 'Error: bug' })
    expect(calls).toBe(1)
    expect(await wasHandled(getDeps().table, event.id, 'tier.upgrade')).toBe(false)
  })
})
