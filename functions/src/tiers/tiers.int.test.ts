import { randomUUID } from 'node:crypto'
import { QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb'
import { shanghaiMonth } from '@siyu/shared/rules/business-day'
import { defaultProgramRules, ProgramRules } from '@siyu/shared/rules/program-rules'
import { CouponTemplateInput } from '@siyu/shared/schemas/coupons'
import { call, useIntegrationEnv } from '../../../test/integration'
import { useStreamConsumer } from '../../../test/stream'
import { buyAt, memberCodeOf, tillAt } from '../../../test/till'
import { getDeps } from '../lib/deps'
import { randomIds } from '../lib/ids'
import { keys } from '../lib/keys'
import { handler as authDev } from '../members/handlers/auth-dev'
import { loginByOpenid, setConsents, updateProfile } from '../members/members'
import { verifyMemberCode } from '../member-code/verify'
import { activateDuePending } from '../ledger/jobs'
import { getSummary, listHistory } from '../ledger/queries'
import { reconcile } from '../ledger/reconcile'
import { createTemplate } from '../coupons/templates'
import { listMyCoupons } from '../coupons/wallet'
import { growthAddPart } from '../entities/growth'
import { grantBirthdayGifts } from './birthday'
import { handler as getTier } from './handlers/get-tier'
import { getMyTier } from './my-tier'
import { reviewDueTiers } from './review'
import { readTier } from './tier-state'
import { upgradeIfQualified } from './upgrade'

// What follows a sale or refund (qualification, rewards, upgrades) runs on the table's stream; the till helpers wait for it.
useStreamConsumer(useIntegrationEnv({ stream: true }))

const rules = defaultProgramRules()
const at = (iso: string) => ({ table: getDeps().table, clock: () => new Date(iso) })

async function newMember(joined = '2024-01-01T00:00:00Z'): Promise<string> {
  const { member } = await loginByOpenid({ ...getDeps(), clock: () => new Date(joined) }, { openid: `tier-${randomUUID()}` })
  return member.memberId
}

/** Qualifying spend (negative for a refund) in the month of `iso`, as the till records it. */
async function spend(memberId: string, fen: number, iso: string) {
  await getDeps().table.db.send(new TransactWriteCommand({ TransactItems: [growthAddPart(getDeps().table, memberId, shanghaiMonth(new Date(iso)), fen).item] }))
}

async function giftEntries(memberId: string, code: 'tier_gift' | 'birthday_gift') {
  return (await listHistory(getDeps().table, memberId, { limit: 100, code })).items
}

/** The purchase an upgrade is credited to (growth is written directly here, not by the till). */
const byOrder = { orderId: 'o-direct' }

const tierOf = async (memberId: string, r = rules) => (await readTier(getDeps().table, r, memberId)).tier.code

describe('upgrades', () => {
  it('upgrades over two tiers at once, granting both crossed tiers’ gift points exactly once, pending for the return window', async () => {
    const m = await newMember()
    await spend(m, 520_000, '2026-03-10T02:00:00Z')
    const results = await Promise.all(Array.from({ length: 8 }, () => upgradeIfQualified(at('2026-03-10T02:00:00Z'), rules, m, byOrder)))
    expect(results.every((r) => r.tier.code === 'gold')).toBe(true)
    await upgradeIfQualified(at('2026-03-11T02:00:00Z'), rules, m, byOrder)
    expect((await giftEntries(m, 'tier_gift')).map((e) => [e.points, e.pendingAfter, e.note])).toEqual([[400, 400, '升级礼：银卡会员、金卡会员']])
    const mine = await getMyTier(getDeps().table, rules, m, new Date('2026-03-11T02:00:00Z'))
    expect(mine).toMatchObject({
      tier: { code: 'gold', name: '金卡会员' }, growthFen: 520_000, window: { fromMonth: '2025-04', toMonth: '2026-03' },
      next: { code: 'diamond', needFen: 1_480_000 }, keep: { needFen: 0, by: '2027-03-10' },
      provisional: [{ tier: { code: 'gold', name: '金卡会员' }, from: { code: 'base', name: '普通会员' }, until: '2026-03-17T02:00:00.000Z', giftPoints: 400, giftCoupons: [] }],
    })
    expect(mine.history).toEqual([expect.objectContaining({ from: 'base', to: 'gold', reason: 'upgrade', growthFen: 520_000, orderId: 'o-direct' })])
    // Once the window has closed the activation job releases the gift and confirms the upgrade.
    await activateDuePending(at('2026-03-17T02:00:00Z'))
    expect((await getSummary(getDeps().table, m, rules, new Date('2026-03-17T02:00:00Z'))).available).toBe(400)
    expect((await getMyTier(getDeps().table, rules, m, new Date('2026-03-17T02:00:00Z'))).provisional).toEqual([])
    expect((await readTier(getDeps().table, rules, m)).item?.provisional).toBeUndefined()
  })

  it('issues a tier’s gift coupons once, and keeps granting points when a gift coupon has run out', async () => {
    const deps = { ...at('2026-03-10T02:00:00Z'), ids: randomIds }
    const template = (title: string, totalStock: number) => createTemplate(deps, CouponTemplateInput.parse({
      title, benefit: { kind: 'fixed', amountOffFen: 1000 }, stores: 'all', validity: { type: 'days', days: 30 }, totalStock,
      perMemberLimit: 1, channel: { type: 'tier_gift' }, paused: false, returnOnRefund: false,
    }), { adminId: 'm_admin', idempotencyKey: randomUUID() })
    const [gift, gone] = [await template('银卡升级礼券', 100), await template('已发完的礼券', 1)]
    const giftRules = ProgramRules.parse({ ...rules, tiers: rules.tiers.map((t) => (t.code === 'silver' ? { ...t, upgradeGift: { points: 100, couponTemplateIds: [gone.id, gift.id] } } : t)) })
    const first = await newMember()
    await spend(first, 100_000, '2026-03-10T02:00:00Z')
    await upgradeIfQualified(deps, giftRules, first, byOrder)
    await activateDuePending(at('2026-03-17T02:00:00Z')) // confirmed: takes the only unit of the second template
    const m = await newMember()
    await spend(m, 150_000, '2026-03-10T02:00:00Z')
    await upgradeIfQualified(deps, giftRules, m, byOrder)
    await upgradeIfQualified(deps, giftRules, m, byOrder)
    for (let run = 0; run < 2; run++) await activateDuePending(at('2026-03-17T02:00:00Z'))
    const wallet = await listMyCoupons(getDeps().table, m, { status: 'available', limit: 10 }, new Date('2026-03-17T02:00:00Z'))
    expect(wallet.items.map((c) => c.title)).toEqual(['银卡升级礼券'])
    expect(await giftEntries(m, 'tier_gift')).toHaveLength(1)
    expect((await getMyTier(getDeps().table, giftRules, m, new Date('2026-03-10T02:00:00Z'))).ladder[1].upgradeGift.coupons.map((c) => c.title))
      .toEqual(['已发完的礼券', '银卡升级礼券'])
  })

  it('does not write an upgrade decided on growth that a refund lowered before it was written', async () => {
    const m = await newMember()
    await spend(m, 120_000, '2026-03-10T02:00:00Z')
    // A refund lands right after the upgrade has read the growth, before it writes.
    const { db, name } = getDeps().table
    let raced = false
    const send = (async (command: unknown) => {
      const result = await db.send(command as QueryCommand)
      const input = command instanceof QueryCommand ? command.input : undefined
      if (!raced && input?.ExpressionAttributeValues?.[':from'] === keys.growth(m, '2025-04').sk) {
        raced = true
        await spend(m, -50_000, '2026-03-10T02:00:00Z')
      }
      return result
    }) as typeof db.send
    const racing = { table: { name, db: Object.assign(Object.create(db), { send }) }, clock: () => new Date('2026-03-10T02:00:00Z') }
    await upgradeIfQualified(racing, rules, m, byOrder)
    expect(raced).toBe(true)
    expect(await tierOf(m)).toBe('base')
    expect(await giftEntries(m, 'tier_gift')).toEqual([])
  })

  it('never lowers the tier on a refund; the review does, by one tier at most', async () => {
    const m = await newMember()
    await spend(m, 2_100_000, '2026-03-10T02:00:00Z')
    await upgradeIfQualified(at('2026-03-10T02:00:00Z'), rules, m, byOrder)
    await spend(m, -2_000_000, '2026-03-12T02:00:00Z')
    await upgradeIfQualified(at('2026-03-12T02:00:00Z'), rules, m, byOrder)
    expect(await tierOf(m)).toBe('diamond')
    // A year on, nothing in the window: diamond → gold, not lower.
    const report = await reviewDueTiers(at('2027-03-10T02:00:00Z'), rules)
    expect(report).toMatchObject({ dropped: expect.any(Number) })
    expect(await tierOf(m)).toBe('gold')
    const { keep, history } = await getMyTier(getDeps().table, rules, m, new Date('2027-03-10T02:00:00Z'))
    expect(keep).toEqual({ needFen: 500_000, by: '2028-03-10' })
    expect(history[0]).toMatchObject({ from: 'diamond', to: 'gold', reason: 'review_drop' })
  })

  it('multiplies purchase points by the tier from the next purchase on', async () => {
    const m = await newMember()
    const buy = async (amountFen: number, at: string) => buyAt(m, amountFen, at)
    // Thursday 2026-03-12 is not 会员日.
    expect(await buy(120_000, '2026-03-12T02:00:00Z')).toMatchObject({ points: 1200 })
    expect(await tierOf(m)).toBe('silver')
    const scanned = new Date('2026-03-12T02:30:00Z')
    const card = await verifyMemberCode(tillAt(scanned), rules, await memberCodeOf(m, scanned), 'store-1')
    expect(card.tier).toEqual({ code: 'silver', name: '银卡会员' })
    expect(await buy(10_000, '2026-03-12T03:00:00Z')).toMatchObject({ points: 120 })
    // Wednesday 2026-03-18 is: silver earns 120% + 50%.
    expect(await buy(10_000, '2026-03-18T03:00:00Z')).toMatchObject({ points: 170 })
  })
})

describe('anniversary review', () => {
  it('keeps a tier whose last 12 months still reach it, drops one that counts a refund, and reruns change nothing', async () => {
    const [keeper, refunder] = [await newMember(), await newMember()]
    for (const m of [keeper, refunder]) {
      await spend(m, 100_000, '2025-05-20T02:00:00Z')
      await upgradeIfQualified(at('2025-05-20T02:00:00Z'), rules, m, byOrder)
      await spend(m, 100_000, '2026-01-15T02:00:00Z')
    }
    await spend(refunder, -30_000, '2026-02-01T02:00:00Z')
    const run = () => reviewDueTiers(at('2026-05-20T02:00:00Z'), rules)
    expect(await run()).toMatchObject({ examined: 2, kept: 1, dropped: 1 })
    expect(await run()).toMatchObject({ kept: 0, dropped: 0 })
    expect([await tierOf(keeper), await tierOf(refunder)]).toEqual(['silver', 'base'])
    const kept = await getMyTier(getDeps().table, rules, keeper, new Date('2026-05-20T02:00:00Z'))
    expect(kept.keep).toEqual({ needFen: 0, by: '2027-05-20' })
    expect(kept.history.map((h) => h.reason)).toEqual(['review_keep', 'upgrade'])
    expect((await getMyTier(getDeps().table, rules, refunder, new Date('2026-05-20T02:00:00Z'))).keep).toBeNull()
  })

  it('reviews a 29 February anniversary on 28 February, from Shanghai midnight, and catches up a missed day', async () => {
    const m = await newMember()
    await spend(m, 100_000, '2024-02-29T02:00:00Z')
    await upgradeIfQualified(at('2024-02-29T02:00:00Z'), rules, m, byOrder)
    expect((await readTier(getDeps().table, rules, m)).item?.reviewOn).toBe('2025-02-28')
    // 23:59:59 on the 27th in Shanghai: not due yet.
    expect(await reviewDueTiers(at('2025-02-27T15:59:59Z'), rules, { catchUpDays: 0 })).toMatchObject({ examined: 0 })
    // 00:00 on the 28th in Shanghai: due.
    expect(await reviewDueTiers(at('2025-02-27T16:00:00Z'), rules, { catchUpDays: 0 })).toMatchObject({ examined: 1, dropped: 1 })

    const late = await newMember()
    await spend(late, 100_000, '2024-02-29T02:00:00Z')
    await upgradeIfQualified(at('2024-02-29T02:00:00Z'), rules, late, byOrder)
    await spend(late, 100_000, '2025-01-10T02:00:00Z')
    // The 28 February run was missed; the 2 March run catches it up, and the next review is on the anniversary again.
    expect(await reviewDueTiers(at('2025-03-02T02:00:00Z'), rules)).toMatchObject({ kept: 1 })
    expect((await readTier(getDeps().table, rules, late)).item?.reviewOn).toBe('2026-02-28')
  })
})

describe('birthday gift', () => {
  it('grants the tier’s birthday gift once a year in the birthday month', async () => {
    const m = await newMember()
    const deps = { ...getDeps(), clock: () => new Date('2025-01-01T00:00:00Z') }
    await setConsents(deps, m, { privacyPolicyVersion: rules.privacy.policyVersion, marketing: false, personalisation: false }, rules)
    await updateProfile(deps, m, { birthday: '1990-07-15' }, rules)
    await grantBirthdayGifts(at('2026-06-30T02:00:00Z'), rules)
    expect(await giftEntries(m, 'birthday_gift')).toHaveLength(0)
    await grantBirthdayGifts(at('2026-07-01T02:00:00Z'), rules)
    await grantBirthdayGifts(at('2026-07-02T02:00:00Z'), rules)
    expect((await giftEntries(m, 'birthday_gift')).map((e) => e.points)).toEqual([50])
    await grantBirthdayGifts(at('2027-07-01T02:00:00Z'), rules)
    expect(await giftEntries(m, 'birthday_gift')).toHaveLength(2)
  })
})

describe('GET /v1/me/tier', () => {
  it('tells a new member what reaches the first upgrade and lists the ladder', async () => {
    const { body } = await call(authDev, { body: { openid: `tier-http-${randomUUID()}` } })
    const res = await call(getTier, { token: body.token })
    expect(res).toMatchObject({
      status: 200,
      body: { tier: { code: 'base' }, growthFen: 0, next: { code: 'silver', name: '银卡会员', needFen: 100_000 }, keep: null, memberDayWeekday: 3, history: [] },
    })
    expect(res.body.ladder.map((t: { code: string; multiplierPercent: number }) => [t.code, t.multiplierPercent])).toEqual([['base', 100], ['silver', 120], ['gold', 150], ['diamond', 200]])
    expect((await call(getTier)).status).toBe(401)
  })

  it('leaves the ledger reconciled', async () => {
    expect((await reconcile(getDeps().table)).drifts).toEqual([])
  })
})
