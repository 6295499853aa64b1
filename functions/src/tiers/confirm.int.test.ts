import { randomUUID } from 'node:crypto'
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb'
import { defaultProgramRules, ProgramRules } from '@siyu/shared/rules/program-rules'
import { useIntegrationEnv } from '../../../test/integration'
import { useStreamConsumer } from '../../../test/stream'
import { giftTemplate } from './test-fixtures'
import { buyAt, testClerk, tillAt } from '../../../test/till'
import type { Table } from '../lib/db'
import { getDeps } from '../lib/deps'
import { keys } from '../lib/keys'
import { loginByOpenid } from '../members/members'
import { activateDuePending } from '../ledger/jobs'
import { queryIndex } from '../lib/db'
import { getSummary, listHistory } from '../ledger/queries'
import { reconcile } from '../ledger/reconcile'
import { listMyCoupons } from '../coupons/wallet'
import { voidAction } from '../staff/void'
import { confirmDueUpgrades } from './confirm'
import { getMyTier } from './my-tier'
import { readTier } from './tier-state'

const env = useIntegrationEnv({ stream: true })
// Upgrades follow a sale, and undoing them a void, on the table's stream.
const stream = useStreamConsumer(env)

const DAY = 86_400_000
const T0 = '2026-03-12T02:00:00.000Z'
const after = (ms: number) => new Date(new Date(T0).getTime() + ms).toISOString()

let couponsOnly: ProgramRules

beforeAll(async () => {
  const base = defaultProgramRules()
  const gift = await giftTemplate('银卡礼券')
  // Silver's upgrade gift is a coupon and no points: no pending lot carries it.
  couponsOnly = ProgramRules.parse({ ...base, tiers: base.tiers.map((t) => (t.code === 'silver' ? { ...t, upgradeGift: { points: 0, couponTemplateIds: [gift.id] } } : t)) })
})


async function newMember(): Promise<string> {
  const { member } = await loginByOpenid({ ...getDeps(), clock: () => new Date('2026-01-01T00:00:00Z') }, { openid: `confirm-${randomUUID()}` })
  return member.memberId
}

const at = (iso: string) => ({ table: getDeps().table, clock: () => new Date(iso) })
const tierOf = async (m: string, rules: ProgramRules) => (await readTier(getDeps().table, rules, m)).tier.code
const couponTitles = async (m: string, iso: string) => (await listMyCoupons(getDeps().table, m, { status: 'available', limit: 20 }, new Date(iso))).items.map((c) => c.title)
const giftPoints = async (m: string) => (await listHistory(getDeps().table, m, { limit: 100 })).items.filter((e) => e.code.startsWith('tier_gift')).map((e) => e.points)

async function awaitingConfirmation(memberId: string): Promise<number> {
  let n = 0
  for await (const item of queryIndex(at(T0), keys.tierConfirmDue())) if (item.memberId === memberId) n++
  return n
}

/** The table, failing once the first time a gift coupon is issued to `memberId` (a crash between confirming and issuing). */
function crashingOnCouponIssue(memberId: string): Table {
  const { db, name } = getDeps().table
  let crashed = false
  const send = ((command: unknown) => {
    const items = command instanceof TransactWriteCommand ? (command.input.TransactItems ?? []) : []
    if (!crashed && items.some((i) => i.Put?.Item?.type === 'coupon' && i.Put.Item.memberId === memberId)) {
      crashed = true
      return Promise.reject(new Error('injected crash'))
    }
    return db.send(command as TransactWriteCommand)
  }) as typeof db.send
  return { name, db: Object.assign(Object.create(db), { send }) }
}

describe('confirming upgrades once their window has closed', () => {
  it('a gift of coupons only is owed while the upgrade is provisional, dropped by a void, and issued once on confirmation', async () => {
    const voided = await newMember()
    const a = await buyAt(voided, 120_000, T0, { rules: couponsOnly })
    expect(await tierOf(voided, couponsOnly)).toBe('silver')
    expect((await getMyTier(getDeps().table, couponsOnly, voided, new Date(T0))).provisional).toMatchObject([{ giftPoints: 0, giftCoupons: [{ title: '银卡礼券' }] }])
    await voidAction(tillAt(new Date(after(60_000)), { rules: couponsOnly, staff: testClerk }), a.actionId)
    await stream.settled()
    expect(await tierOf(voided, couponsOnly)).toBe('base')
    expect(await awaitingConfirmation(voided)).toBe(0)

    const kept = await newMember()
    await buyAt(kept, 120_000, T0, { rules: couponsOnly })
    expect(await awaitingConfirmation(kept)).toBe(1)
    await activateDuePending(at(after(8 * DAY)))
    for (const m of [voided, kept]) expect(await giftPoints(m)).toEqual([])
    expect(await couponTitles(voided, after(8 * DAY))).toEqual([])
    expect(await couponTitles(kept, after(8 * DAY))).toEqual(['银卡礼券'])
    expect(await awaitingConfirmation(kept)).toBe(0)
    expect((await readTier(getDeps().table, couponsOnly, kept)).item).toMatchObject({ tier: 'silver', giftsDue: [] })
  })

  it('a crash between confirming and issuing is finished by the next run, issuing once', async () => {
    const m = await newMember()
    await buyAt(m, 120_000, T0, { rules: couponsOnly })
    await expect(confirmDueUpgrades({ table: crashingOnCouponIssue(m), clock: () => new Date(after(8 * DAY)) })).rejects.toThrow('injected crash')
    expect((await readTier(getDeps().table, couponsOnly, m)).item?.provisional).toBeUndefined()
    expect(await couponTitles(m, after(8 * DAY))).toEqual([])
    for (let run = 0; run < 2; run++) await confirmDueUpgrades(at(after(8 * DAY)))
    expect(await couponTitles(m, after(8 * DAY))).toEqual(['银卡礼券'])
    expect(await awaitingConfirmation(m)).toBe(0)
  })

  it('without a return window an upgrade is confirmed at once: gift points available and coupons issued', async () => {
    const noWindow = ProgramRules.parse({ ...couponsOnly, points: { ...couponsOnly.points, returnWindowDays: 0 }, tiers: couponsOnly.tiers.map((t) => (t.code === 'silver' ? { ...t, upgradeGift: { ...t.upgradeGift, points: 100 } } : t)) })
    const m = await newMember()
    await buyAt(m, 120_000, T0, { rules: noWindow })
    expect(await tierOf(m, noWindow)).toBe('silver')
    expect(await couponTitles(m, T0)).toEqual(['银卡礼券'])
    expect(await getSummary(getDeps().table, m, noWindow, new Date(T0))).toMatchObject({ available: 1200 + 100, pending: 0 })
    expect((await getMyTier(getDeps().table, noWindow, m, new Date(T0))).provisional).toEqual([])
    expect(await awaitingConfirmation(m)).toBe(0)
  })

  it('leaves the ledger reconciled', async () => {
    expect((await reconcile(getDeps().table)).drifts).toEqual([])
  })
})
