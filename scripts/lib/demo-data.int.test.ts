import { defaultProgramRules } from '@siyu/shared/rules/program-rules'
import { lastDayOf } from '@siyu/shared/rules/points-expiry'
import { shanghaiDate, shanghaiMonth } from '@siyu/shared/rules/business-day'
import { tableSnapshot, useIntegrationEnv } from '../../test/integration'
import { useStreamConsumer } from '../../test/stream'
import { getDeps } from '../../functions/src/lib/deps'
import { getSummary, listDebtors, listHistory } from '../../functions/src/ledger/queries'
import { reconcile } from '../../functions/src/ledger/reconcile'
import { listClaimable } from '../../functions/src/coupons/claimable'
import { listMyCoupons } from '../../functions/src/coupons/wallet'
import { listAudit, storeDaySummary } from '../../functions/src/staff/reports'
import { getMyTier } from '../../functions/src/tiers/my-tier'
import { getMyInvite, listMyReferrals } from '../../functions/src/referrals/queries'
import { demoMemberId, loadDemoData } from './demo-data'

const env = useIntegrationEnv({ stream: true })
const stream = useStreamConsumer(env)

const now = new Date('2026-11-25T04:00:00Z')
const piiKey = Buffer.alloc(32, 7)

describe('demo data', () => {
  beforeAll(() => loadDemoData(getDeps().table, piiKey, stream.settled, now))

  it('gives demo-member-1 pending points, a lot expiring this month and a referral reward', async () => {
    const summary = await getSummary(getDeps().table, demoMemberId('demo-member-1'), defaultProgramRules(), now)
    expect(summary).toMatchObject({
      available: 630,
      pending: 128,
      debt: 0,
      expiringSoon: { points: 200, lastDay: lastDayOf(shanghaiMonth(now)) },
    })
  })

  it('posts each history in time order, so newest first by sequence is newest first by time', async () => {
    for (const openid of ['demo-member-1', 'demo-member-2', 'demo-member-3']) {
      const { items } = await listHistory(getDeps().table, demoMemberId(openid), { limit: 100 })
      const times = items.map((e) => e.at)
      expect(times).toEqual([...times].sort().reverse())
    }
  })

  it('fills the coupon center: one template sold out, demo-member-1 holds a coupon bought with points', async () => {
    const { items } = await listClaimable(getDeps().table, demoMemberId('demo-member-4'), now)
    expect(items.map((i) => [i.template.title, i.blocker])).toEqual(expect.arrayContaining([
      ['思域 满100减20', null], ['新人 9 折券', null], ['积分兑 10 元券', null], ['限量拿铁兑换券', 'sold_out'],
    ]))
    const wallet = await listMyCoupons(getDeps().table, demoMemberId('demo-member-1'), { status: 'available', limit: 10 }, now)
    expect(wallet.items.map((c) => c.title)).toEqual(['积分兑 10 元券'])
  })

  it('records the demo purchases at the till: orders a clerk can refund, the stores’ days and audit', async () => {
    const today = await storeDaySummary(getDeps().table, 'store-1', shanghaiDate(now))
    expect(today).toMatchObject({ purchases: 1, purchaseFen: 12_800, pointsIssued: 128 })
    const audit = await listAudit(getDeps().table, 'store-1', shanghaiDate(now), { limit: 10 })
    expect(audit.items).toEqual([expect.objectContaining({ action: 'purchase', staffId: demoMemberId('demo-clerk-1'), memberId: demoMemberId('demo-member-1'), amountFen: 12_800 })])
  })

  it('makes demo-member-3 a 金卡 member with both upgrade gifts', async () => {
    const tier = await getMyTier(getDeps().table, defaultProgramRules(), demoMemberId('demo-member-3'), now)
    expect(tier).toMatchObject({ tier: { code: 'gold' }, history: [expect.objectContaining({ from: 'base', to: 'gold', reason: 'upgrade' })] })
    const gifts = await listHistory(getDeps().table, demoMemberId('demo-member-3'), { limit: 10, code: 'tier_gift' })
    // Both crossed tiers' gifts in one lot, released when the purchase's return window closed.
    expect(gifts.items.map((e) => e.points)).toEqual([400])
    expect(tier.provisional).toEqual([])
    expect((await getSummary(getDeps().table, demoMemberId('demo-member-3'), defaultProgramRules(), now)).pending).toBe(0)
  })

  it('gives demo-member-1 two invitees: one whose first purchase rewarded both, one only joined', async () => {
    const referrals = await listMyReferrals(getDeps().table, demoMemberId('demo-member-1'), { limit: 10 }, now)
    expect(referrals.items.map((r) => r.status)).toEqual(['joined', 'rewarded'])
    const invite = await getMyInvite(getDeps().table, defaultProgramRules(), demoMemberId('demo-member-1'), now)
    expect(invite.counts).toEqual({ joined: 1, qualified: 0, rewarded: 1, unrewarded: 0, clawedBack: 0, rejected: 0 })
    const rewards = await listHistory(getDeps().table, demoMemberId('demo-member-19'), { limit: 10, code: 'referral_reward' })
    expect(rewards.items.map((e) => e.points)).toEqual([50])
  })

  it('leaves demo-member-2 in debt, listed for operators', async () => {
    const summary = await getSummary(getDeps().table, demoMemberId('demo-member-2'), defaultProgramRules(), now)
    expect(summary).toMatchObject({ available: 0, pending: 0, debt: 150 })
    const debtors = await listDebtors(getDeps().table, { limit: 10 })
    expect(debtors.items).toEqual([expect.objectContaining({ member: expect.objectContaining({ id: demoMemberId('demo-member-2') }), debt: 150 })])
  })

  it('reconciles without drift and loads again without posting anything twice', async () => {
    const report = await reconcile(getDeps().table)
    expect(report.drifts).toEqual([])
    expect(report.accounts).toBe(9)
    // Only the ledger is compared: a second load re-encrypts phones with a fresh IV, and its till
    // actions (answered as replays) still count against the clerks' per-minute limits.
    const ledgerItems = async () => (await tableSnapshot()).filter((item) => item.type !== 'member' && !String(item.pk).startsWith('RATE#'))
    const before = await ledgerItems()
    await loadDemoData(getDeps().table, piiKey, stream.settled, now)
    expect(await ledgerItems()).toEqual(before)
  })
})
