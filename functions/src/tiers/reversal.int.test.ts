import { randomUUID } from 'node:crypto'
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb'
import { defaultProgramRules, ProgramRules } from '@siyu/shared/rules/program-rules'
import type { PointsEntry } from '@siyu/shared/schemas/points'
import type { TillAction } from '@siyu/shared/schemas/staff'
import { useIntegrationEnv } from '../../../test/integration'
import { publishRules, useStreamConsumer } from '../../../test/stream'
import { giftTemplate } from './test-fixtures'
import { buyAt, refundAt, testClerk, tillAt } from '../../../test/till'
import type { Table } from '../lib/db'
import { getDeps, overrideDeps } from '../lib/deps'
import { deadLetterId, findDeadLetter } from '../entities/dead-letter'
import { replayDeadLetter } from '../events/dead-letters'
import { loginByOpenid } from '../members/members'
import { activateDuePending } from '../ledger/jobs'
import { getSummary, listHistory } from '../ledger/queries'
import { reconcile } from '../ledger/reconcile'
import { listMyCoupons } from '../coupons/wallet'
import { recordRefund } from '../staff/refund'
import { voidAction } from '../staff/void'
import { getMyTier } from './my-tier'
import { reevaluateAfterReversal } from './reversal'
import { readTier } from './tier-state'

const env = useIntegrationEnv({ stream: true })
// Upgrades follow a sale, and re-evaluations a void or refund, on the table's stream.
const stream = useStreamConsumer(env)

const MIN = 60_000
const DAY = 86_400_000
/** Thursday 10:00 in Shanghai (not 会员日); the return window is 7 days. */
const T0 = '2026-03-12T02:00:00.000Z'
const after = (ms: number, from = T0) => new Date(new Date(from).getTime() + ms).toISOString()

let rules: ProgramRules

beforeAll(async () => {
  const base = defaultProgramRules()
  const gift = await giftTemplate('银卡升级礼券')
  rules = ProgramRules.parse({
    ...base,
    tiers: base.tiers.map((t) => (t.code === 'silver' ? { ...t, upgradeGift: { points: 100, couponTemplateIds: [gift.id] } } : t)),
  })
  await publishRules(rules)
})

async function newMember(): Promise<string> {
  const { member } = await loginByOpenid({ ...getDeps(), clock: () => new Date('2026-01-01T00:00:00Z') }, { openid: `rev-${randomUUID()}` })
  return member.memberId
}

/** Each till action, then what the stream's consumer does after it (so each test reads the tier as it then is). */
const settledAfter = async <T>(action: Promise<T>): Promise<T> => {
  try {
    return await action
  } finally {
    await stream.settled()
  }
}
const buy = (m: string, fen: number, iso: string) => settledAfter(buyAt(m, fen, iso, { rules }))
const refund = (a: TillAction, fen: number, iso: string) => settledAfter(refundAt(a.orderId, fen, iso, { rules }))
const voidAt = (a: TillAction, iso: string) => settledAfter(voidAction(tillAt(new Date(iso), { rules, staff: testClerk }), a.actionId))
const activate = (iso: string) => activateDuePending({ table: getDeps().table, clock: () => new Date(iso) })

const tierOf = async (m: string) => (await readTier(getDeps().table, rules, m)).tier.code
const points = (m: string, iso: string) => getSummary(getDeps().table, m, rules, new Date(iso)).then(({ available, pending }) => ({ available, pending }))
const couponTitles = async (m: string, iso: string) => (await listMyCoupons(getDeps().table, m, { status: 'available', limit: 20 }, new Date(iso))).items.map((c) => c.title)

/** The table, failing once the first time a tier reversal is written (a crash of the consumer's re-evaluation). */
function crashingOnReversal(): Table {
  const { db, name } = getDeps().table
  let crashed = false
  const send = ((command: unknown) => {
    const items = command instanceof TransactWriteCommand ? (command.input.TransactItems ?? []) : []
    if (!crashed && items.some((i) => i.Put?.Item?.type === 'tierLog' && i.Put.Item.reason === 'reversal')) {
      crashed = true
      return Promise.reject(new Error('injected crash'))
    }
    return db.send(command as TransactWriteCommand)
  }) as typeof db.send
  return { name, db: Object.assign(Object.create(db), { send }) }
}

/** The member's upgrade-gift entries (granted and reversed), oldest first, as code and points. */
async function giftEntries(m: string): Promise<[string, number][]> {
  const { items } = await listHistory(getDeps().table, m, { limit: 100 })
  return items.filter((e: PointsEntry) => e.code.startsWith('tier_gift')).reverse().map((e) => [e.code, e.points])
}

describe('a purchase’s upgrade is provisional until its return window closes', () => {
  it('a purchase voided inside its window takes back the upgrade, voids its pending gift points and never issues its gift coupon', async () => {
    const m = await newMember()
    const a = await buy(m, 120_000, T0)
    expect(await tierOf(m)).toBe('silver')
    // 1,200 purchase points and the 100-point upgrade gift, both pending; no gift coupon yet.
    expect(await points(m, T0)).toEqual({ available: 0, pending: 1300 })
    expect(await couponTitles(m, T0)).toEqual([])

    await voidAt(a, after(5 * MIN))
    expect(await tierOf(m)).toBe('base')
    expect(await points(m, after(5 * MIN))).toEqual({ available: 0, pending: 0 })
    expect(await giftEntries(m)).toEqual([['tier_gift', 100], ['tier_gift_reversal', -100]])
    const { history } = await getMyTier(getDeps().table, rules, m, new Date(after(5 * MIN)))
    expect(history[0]).toMatchObject({ from: 'silver', to: 'base', reason: 'reversal', orderId: a.orderId })

    await activate(after(8 * DAY))
    expect(await couponTitles(m, after(8 * DAY))).toEqual([])
    expect(await points(m, after(8 * DAY))).toEqual({ available: 0, pending: 0 })
  })

  it('a refund inside the window that leaves growth below the threshold takes the upgrade back; one that keeps it leaves the tier', async () => {
    const below = await newMember()
    const a = await buy(below, 120_000, T0)
    await refund(a, 30_000, after(2 * DAY))
    expect(await tierOf(below)).toBe('base')
    expect(await giftEntries(below)).toEqual([['tier_gift', 100], ['tier_gift_reversal', -100]])
    // 1,200 − 300 purchase points are left pending; the gift is gone.
    expect(await points(below, after(2 * DAY))).toEqual({ available: 0, pending: 900 })

    const keeps = await newMember()
    const b = await buy(keeps, 150_000, T0)
    await refund(b, 30_000, after(2 * DAY))
    expect(await tierOf(keeps)).toBe('silver')
    expect(await giftEntries(keeps)).toEqual([['tier_gift', 100]])
    expect(await points(keeps, after(2 * DAY))).toEqual({ available: 0, pending: 1200 + 100 })
  })

  it('gift points wait for the window like purchase points, and the gift coupon comes once the window has closed', async () => {
    const m = await newMember()
    await buy(m, 120_000, T0)
    await activate(after(7 * DAY - MIN))
    expect(await points(m, after(7 * DAY - MIN))).toEqual({ available: 0, pending: 1300 })
    expect(await couponTitles(m, after(7 * DAY - MIN))).toEqual([])

    for (let run = 0; run < 2; run++) await activate(after(7 * DAY + MIN))
    expect(await points(m, after(7 * DAY + MIN))).toEqual({ available: 1300, pending: 0 })
    expect(await couponTitles(m, after(7 * DAY + MIN))).toEqual(['银卡升级礼券'])
    expect(await tierOf(m)).toBe('silver')
  })

  it('a refund after the window lowers growth but keeps the tier and its gift, as before', async () => {
    const m = await newMember()
    const a = await buy(m, 120_000, T0)
    await activate(after(7 * DAY + MIN))
    await refund(a, 120_000, after(8 * DAY))
    expect(await tierOf(m)).toBe('silver')
    expect(await giftEntries(m)).toEqual([['tier_gift', 100]])
    expect(await couponTitles(m, after(8 * DAY))).toEqual(['银卡升级礼券'])
    // The purchase points are clawed back; the gift stays.
    expect(await points(m, after(8 * DAY))).toEqual({ available: 100, pending: 0 })
  })
})

describe('two provisional upgrades', () => {
  it('voiding the later purchase takes back only the tier it caused', async () => {
    const m = await newMember()
    await buy(m, 120_000, T0)
    const b = await buy(m, 400_000, after(MIN))
    expect(await tierOf(m)).toBe('gold')
    await voidAt(b, after(3 * MIN))
    expect(await tierOf(m)).toBe('silver')
    expect(await giftEntries(m)).toEqual([['tier_gift', 100], ['tier_gift', 300], ['tier_gift_reversal', -300]])
    // Silver stood through a void inside the window, so it waits a full window from the void.
    await activate(after(7 * DAY + MIN))
    expect(await couponTitles(m, after(7 * DAY + MIN))).toEqual([])
    await activate(after(7 * DAY + 3 * MIN))
    expect(await couponTitles(m, after(7 * DAY + 3 * MIN))).toEqual(['银卡升级礼券'])
    expect(await points(m, after(7 * DAY + 3 * MIN))).toEqual({ available: 1200 + 100, pending: 0 })
  })

  it('voiding the earlier purchase keeps the tier the later one still reaches, until a refund of the later one inside its own window', async () => {
    const m = await newMember()
    const a = await buy(m, 120_000, T0)
    const b = await buy(m, 400_000, after(MIN))
    await voidAt(a, after(3 * MIN))
    // 4,000 元 left: silver, but no longer gold.
    expect(await tierOf(m)).toBe('silver')
    expect(await giftEntries(m)).toEqual([['tier_gift', 100], ['tier_gift', 300], ['tier_gift_reversal', -300]])
    // The voided purchase's window has closed, the later one's has not: silver now rests on the later
    // purchase, so it is still provisional, its gift still pending, and its coupon not issued.
    await activate(after(7 * DAY + 30_000))
    expect(await couponTitles(m, after(7 * DAY + 30_000))).toEqual([])
    expect(await points(m, after(7 * DAY + 30_000))).toEqual({ available: 0, pending: 4800 + 100 })
    expect((await getMyTier(getDeps().table, rules, m, new Date(after(7 * DAY + 30_000)))).provisional).toMatchObject([{ tier: { code: 'silver' }, until: after(7 * DAY + 3 * MIN) }])
    await refund(b, 400_000, after(7 * DAY + 40_000))
    expect(await tierOf(m)).toBe('base')
    expect(await giftEntries(m)).toEqual([['tier_gift', 100], ['tier_gift', 300], ['tier_gift_reversal', -300], ['tier_gift_reversal', -100]])
    await activate(after(30 * DAY))
    expect(await couponTitles(m, after(30 * DAY))).toEqual([])
    expect(await points(m, after(30 * DAY))).toEqual({ available: 0, pending: 0 })
  })
})

describe('an upgrade over two tiers', () => {
  it('narrows to the tier the growth left still reaches, then goes back to the first tier, reversing each gift once', async () => {
    const m = await newMember()
    const a = await buy(m, 500_000, T0)
    expect(await tierOf(m)).toBe('gold')
    await refund(a, 380_000, after(DAY))
    expect(await tierOf(m)).toBe('silver')
    const mine = await getMyTier(getDeps().table, rules, m, new Date(after(DAY)))
    expect(mine.provisional).toEqual([
      { tier: { code: 'silver', name: '银卡会员' }, from: { code: 'base', name: '普通会员' }, until: after(8 * DAY), giftPoints: 100, giftCoupons: [expect.objectContaining({ title: '银卡升级礼券' })] },
    ])
    expect(mine.history.map((h) => [h.from, h.to, h.reason])).toEqual([['gold', 'silver', 'reversal'], ['base', 'gold', 'upgrade']])
    await refund(a, 120_000, after(2 * DAY))
    expect(await tierOf(m)).toBe('base')
    expect(await giftEntries(m)).toEqual([['tier_gift', 400], ['tier_gift_reversal', -300], ['tier_gift_reversal', -100]])
  })
})

describe('the manager threshold is per order', () => {
  it('a clerk cannot gift a tier by recording orders under the threshold and voiding them', async () => {
    const m = await newMember()
    const orders: TillAction[] = []
    for (let i = 0; i < 5; i++) orders.push(await buy(m, 450_000, after(i * MIN)))
    expect(await tierOf(m)).toBe('diamond')
    for (const o of orders) await voidAt(o, after(10 * MIN))
    expect(await tierOf(m)).toBe('base')
    expect(await points(m, after(10 * MIN))).toEqual({ available: 0, pending: 0 })
    await activate(after(8 * DAY))
    expect(await points(m, after(8 * DAY))).toEqual({ available: 0, pending: 0 })
    expect(await couponTitles(m, after(8 * DAY))).toEqual([])
  })
})

describe('exactly once', () => {
  it('the same void twice at once, a refund racing a void, two refunds at once and a refund’s retry reverse the upgrade once', async () => {
    const twice = await newMember()
    const a = await buy(twice, 120_000, T0)
    await Promise.allSettled([voidAt(a, after(MIN)), voidAt(a, after(MIN))])

    const raced = await newMember()
    const b = await buy(raced, 120_000, T0)
    await Promise.allSettled([refund(b, 120_000, after(MIN)), voidAt(b, after(MIN))])

    const split = await newMember()
    const c = await buy(split, 150_000, T0)
    const retry = { orderId: c.orderId, refundId: `r-${randomUUID().slice(0, 8)}`, amountFen: 30_000 }
    const till = tillAt(new Date(after(MIN)), { rules })
    await Promise.all([recordRefund(till, retry), refund(c, 30_000, after(MIN)), recordRefund(till, retry)])
    await stream.settled()

    for (const m of [twice, raced, split]) {
      expect(await tierOf(m)).toBe('base')
      expect(await giftEntries(m)).toEqual([['tier_gift', 100], ['tier_gift_reversal', -100]])
    }
    await activate(after(8 * DAY))
    for (const m of [twice, raced, split]) expect(await couponTitles(m, after(8 * DAY))).toEqual([])
  })

  it('a re-evaluation that crashes is kept as a dead letter whose replay undoes the upgrade once; re-evaluations at once undo it once', async () => {
    const retried = await newMember()
    const a = await buy(retried, 120_000, T0)
    const { table } = getDeps()
    overrideDeps({ table: crashingOnReversal() }) // the consumer's writes fail once, the void's do not reach a reversal
    try {
      await voidAt(a, after(MIN))
    } finally {
      overrideDeps({ table })
    }
    expect(await tierOf(retried)).toBe('silver') // the void is recorded, the tier not re-evaluated
    const id = deadLetterId(`action.voided:${a.actionId}`, 'tier.reevaluate')
    expect(await findDeadLetter(table, id)).toMatchObject({ reaction: 'tier.reevaluate', error: 'Error: injected crash' })
    await replayDeadLetter(getDeps(), rules, id)
    expect(await tierOf(retried)).toBe('base')
    expect(await giftEntries(retried)).toEqual([['tier_gift', 100], ['tier_gift_reversal', -100]])
    await stream.settled()

    const many = await newMember()
    const b = await buy(many, 500_000, T0)
    overrideDeps({ table: crashingOnReversal() })
    try {
      await voidAt(b, after(MIN))
    } finally {
      overrideDeps({ table })
    }
    const deps = { table: getDeps().table, clock: () => new Date(after(2 * MIN)) }
    await Promise.all(Array.from({ length: 6 }, () => reevaluateAfterReversal(deps, rules, { memberId: many, orderId: b.orderId })))
    expect(await tierOf(many)).toBe('base')
    expect(await giftEntries(many)).toEqual([['tier_gift', 400], ['tier_gift_reversal', -400]])
  })

  it('leaves the ledger reconciled', async () => {
    expect((await reconcile(getDeps().table)).drifts).toEqual([])
  })
})
