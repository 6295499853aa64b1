import { ProgramRules } from '@siyu/shared/rules/program-rules'
import type { ReferralStatus } from '@siyu/shared/schemas/referrals'
import { useIntegrationEnv } from '../../../test/integration'
import { useStreamConsumer } from '../../../test/stream'
import { buyAt, refundAt } from '../../../test/till'
import { getDeps } from '../lib/deps'
import { getMyInvite, listMyReferrals } from './queries'
import { bind, countingTable, D, H, iso, member, rules, T0 } from './test-fixtures'

// What follows a sale or refund (qualification, rewards, upgrades) runs on the table's stream; the till helpers wait for it.
useStreamConsumer(useIntegrationEnv({ stream: true }))

// Room under the caps for every invite of the test, but for the one bound over the daily cap.
const roomy = ProgramRules.parse({ ...rules, referrals: { ...rules.referrals, maxPerDay: 40, maxPerMonth: 100 } })

async function invite(referrer: string, n: number, at: string, r = roomy): Promise<string[]> {
  const invitees: string[] = []
  for (let i = 0; i < n; i++) {
    const m = await member(at)
    await bind(m, referrer, { openedAt: at, at: iso(at, 60_000), rules: r })
    invitees.push(m)
  }
  return invitees
}

const tally = (statuses: ReferralStatus[]) => ({
  joined: statuses.filter((s) => s === 'joined').length, qualified: statuses.filter((s) => s === 'qualified').length,
  rewarded: statuses.filter((s) => s === 'rewarded').length, unrewarded: statuses.filter((s) => s === 'unrewarded').length,
  clawedBack: statuses.filter((s) => s === 'clawed_back').length, rejected: statuses.filter((s) => s === 'rejected').length,
})

describe('GET /v1/me/invite reads a bounded number of items', () => {
  it('counts every status from the counters and the rewards still pending, not from the invitees', async () => {
    const referrer = await member()
    const early = await invite(referrer, 2, T0) // qualify on day 1: rewarded by day 9
    const late = await invite(referrer, 3, iso(T0, 5 * D)) // qualify on day 6: still pending on day 9
    const joinedOnly = await invite(referrer, 30, iso(T0, 6 * D))
    for (const m of early) await buyAt(m, 6000, iso(T0, D), { rules: roomy })
    for (const m of late) await buyAt(m, 6000, iso(T0, 6 * D), { rules: roomy })
    const refunded = await buyAt(joinedOnly[0], 6000, iso(T0, 7 * D), { rules: roomy })
    await refundAt(refunded.orderId, 6000, iso(T0, 8 * D), { rules: roomy })
    const capped = ProgramRules.parse({ ...roomy, referrals: { ...roomy.referrals, maxPerDay: 1 } })
    await invite(referrer, 1, iso(T0, 6 * D), capped)
    await bind(referrer, referrer, { openedAt: iso(T0, 6 * D), at: iso(T0, 6 * D + H) }).catch(() => undefined)

    const now = new Date(iso(T0, 9 * D))
    const counting = countingTable()
    const mine = await getMyInvite(counting.table, roomy, referrer, now)
    const expected = { joined: 29, qualified: 3, rewarded: 2, unrewarded: 1, clawedBack: 1, rejected: 1 }
    expect(mine.counts).toEqual(expected)
    expect(mine.qualifiedTotal).toBe(5)
    // The member, the counters and one entry per reward still in its return window — not 37 invitees.
    expect(counting.itemsRead()).toBe(2 + expected.qualified)

    // The same figures as the list the inviter pages through.
    const listed = await listMyReferrals(getDeps().table, referrer, { limit: 100 }, now)
    expect(tally(listed.items.map((i) => i.status))).toEqual(expected)

    // Once the late ones' return window has passed, they count as rewarded: no write was needed.
    const later = await getMyInvite(getDeps().table, roomy, referrer, new Date(iso(T0, 14 * D)))
    expect(later.counts).toMatchObject({ qualified: 0, rewarded: 5 })
  })
})
