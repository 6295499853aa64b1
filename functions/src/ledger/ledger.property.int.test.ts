import fc from 'fast-check'
import { defaultProgramRules } from '@siyu/shared/rules/program-rules'
import { useIntegrationEnv } from '../../../test/integration'
import { getDeps } from '../lib/deps'
import { activateDuePending, expireDueLots } from './jobs'
import { getItem } from '../lib/db'
import { keys } from '../lib/keys'
import { earn, earnPurchase, restoreSpend, reversePurchase, spend } from './operations'
import { defaultBackoff } from '../lib/retry'
import { reconcile } from './reconcile'

useIntegrationEnv()

const rules = defaultProgramRules()

type Op =
  | { kind: 'earn'; m: number; points: number }
  | { kind: 'spend'; m: number; points: number }
  | { kind: 'purchase'; m: number; points: number }
  | { kind: 'refund'; m: number; order: number; points: number }
  | { kind: 'unspend'; spend: number }
  | { kind: 'activate' }
  | { kind: 'expire' }
  | { kind: 'wait'; days: number }

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('earn' as const), m: fc.nat(2), points: fc.integer({ min: 1, max: 300 }) }),
  fc.record({ kind: fc.constant('spend' as const), m: fc.nat(2), points: fc.integer({ min: 1, max: 300 }) }),
  fc.record({ kind: fc.constant('purchase' as const), m: fc.nat(2), points: fc.integer({ min: 1, max: 300 }) }),
  fc.record({ kind: fc.constant('refund' as const), m: fc.nat(2), order: fc.nat(5), points: fc.integer({ min: 1, max: 150 }) }),
  fc.record({ kind: fc.constant('unspend' as const), spend: fc.nat(5) }),
  fc.constant({ kind: 'activate' as const }),
  fc.constant({ kind: 'expire' as const }),
  fc.record({ kind: fc.constant('wait' as const), days: fc.integer({ min: 1, max: 120 }) }),
)

let run = 0

/**
 * Random sequences of earn / spend / void of a spend / purchase / refund / activate / expire over a few members,
 * moving the clock through months, with every posting sent once, twice in a row, or twice at
 * once (a client retry). After each sequence the reconciliation finds no drift.
 */
it('keeps every reconciliation invariant under random operations with retries', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(fc.tuple(op, fc.constantFrom('once', 'retry', 'concurrent')), { minLength: 5, maxLength: 30 }), async (steps) => {
      run++
      let now = Date.parse('2026-01-10T04:00:00Z')
      const deps = () => ({ table: getDeps().table, clock: () => new Date(now), backoff: { ...defaultBackoff, sleep: async () => {} } })
      const members = [0, 1, 2].map((i) => `m_prop${run}x${i}`)
      const orders: { m: number; id: string }[] = []
      const spends: { m: number; key: string }[] = []
      let seq = 0
      for (const [o, mode] of steps) {
        const send = async (fn: () => Promise<unknown>) => {
          const attempt = () => fn().catch((err: { code?: string }) => {
            if (!['points.insufficient', 'points.reversal_exceeds_earned'].includes(err.code ?? '')) throw err
          })
          if (mode === 'once') return attempt()
          if (mode === 'retry') return attempt().then(attempt)
          return Promise.all([attempt(), attempt()])
        }
        const key = `p${run}:${seq++}`
        switch (o.kind) {
          case 'earn':
            await send(() => earn(deps(), rules, { memberId: members[o.m], key, code: 'checkin', points: o.points, ref: key }))
            break
          case 'spend':
            spends.push({ m: o.m, key })
            await send(() => spend(deps(), { memberId: members[o.m], key, code: 'coupon_exchange', points: o.points, ref: key }))
            break
          case 'unspend': {
            // A void of an earlier spend (if it was not refused): back to its lots, or expired at once.
            const s = spends[o.spend % Math.max(spends.length, 1)]
            if (s && (await getItem(getDeps().table, keys.idempotency(s.key)))) {
              await send(() => restoreSpend(deps(), rules, { memberId: members[s.m], spendKey: s.key, key: `${s.key}:void`, code: 'till_redemption_void', ref: s.key }))
            }
            break
          }
          case 'purchase':
            orders.push({ m: o.m, id: key })
            await send(() => earnPurchase(deps(), rules, { memberId: members[o.m], orderId: key, points: o.points }))
            break
          case 'refund': {
            const order = orders[o.order % Math.max(orders.length, 1)]
            if (order) await send(() => reversePurchase(deps(), { memberId: members[order.m], orderId: order.id, refundId: key, points: o.points }))
            break
          }
          case 'activate':
            await activateDuePending(deps(), { catchUpDays: 400 })
            break
          case 'expire':
            await expireDueLots(deps())
            break
          case 'wait':
            now += o.days * 86_400_000
            break
        }
      }
      const report = await reconcile(getDeps().table)
      expect(report.drifts).toEqual([])
    }),
    { numRuns: 25 },
  )
}, 240_000)
