import { z } from 'zod'
import { getItems, type Table } from '../lib/db'
import { keys } from '../lib/keys'
import { updatePart, type Part } from '../lib/transact'

/**
 * The brand's counters (`STATS#BRAND` / `DAY#{day}`, `MONTH#{YYYY-MM}`), its points liability
 * (`STATS#BRAND` / `LIABILITY`) and each coupon template's redemptions (`COUPONTPL#{id}` / `STATS`).
 * The stream consumer adds to them in the same transaction that keeps the event they count
 * (`event-log.ts` `keepEvent`), so a redelivered record adds nothing. What each event adds is
 * decided in `overview/counters.ts`.
 */
export const BRAND_COUNTERS = ['membersJoined', 'purchases', 'purchaseFen', 'pointsIssued', 'pointsRedeemed', 'couponsClaimed', 'couponsRedeemed'] as const
export type BrandCounter = (typeof BRAND_COUNTERS)[number]
export type BrandCounts = Record<BrandCounter, number>

/** What one event adds (negative numbers take back). */
export interface BrandStatsChange {
  /** The Shanghai day (YYYY-MM-DD) the counts belong to; its month's item gets the same. */
  day: string
  counts: Partial<BrandCounts>
  /** Points added to the liability (an entry's net effect on available + pending − debt). */
  liability?: number
  /** Redemptions added to one template's count. */
  template?: { id: string; redeemed: number }
}

const counter = () => z.number().int().default(0)
const BrandStatsItem = z
  .object({
    membersJoined: counter(), purchases: counter(), purchaseFen: counter(), pointsIssued: counter(), pointsRedeemed: counter(), couponsClaimed: counter(), couponsRedeemed: counter(),
  })
  .loose()
const LiabilityItem = z.object({ points: counter() }).loose()
const TemplateStatsItem = z.object({ templateId: z.string(), redeemed: counter() }).loose()

function periodAddPart<N extends string>(name: N, table: Table, key: { pk: string; sk: string }, period: string, counts: Partial<BrandCounts>): Part<N> {
  const names = BRAND_COUNTERS.filter((c) => counts[c])
  return updatePart(name, table, key, {
    UpdateExpression: `SET #type = :type, period = :period ADD ${names.map((n) => `#${n} :${n}`).join(', ')}`,
    ExpressionAttributeNames: { '#type': 'type', ...Object.fromEntries(names.map((n) => [`#${n}`, n])) },
    ExpressionAttributeValues: { ':type': 'brandStats', ':period': period, ...Object.fromEntries(names.map((n) => [`:${n}`, counts[n]])) },
  })
}

/** The unconditioned `ADD` parts of a change (none when it adds nothing): day, month, liability, template. */
export function brandStatsParts(table: Table, c: BrandStatsChange): Part[] {
  const parts: Part[] = []
  if (BRAND_COUNTERS.some((n) => c.counts[n])) {
    const month = c.day.slice(0, 7)
    parts.push(periodAddPart('brandDay', table, keys.brandDayStats(c.day), c.day, c.counts), periodAddPart('brandMonth', table, keys.brandMonthStats(month), month, c.counts))
  }
  if (c.liability) {
    parts.push(updatePart('liability', table, keys.brandLiability(), {
      UpdateExpression: 'SET #type = :type ADD points :p', ExpressionAttributeNames: { '#type': 'type' }, ExpressionAttributeValues: { ':type': 'brandLiability', ':p': c.liability },
    }))
  }
  if (c.template?.redeemed) {
    parts.push(updatePart('templateStats', table, keys.couponTemplateStats(c.template.id), {
      UpdateExpression: 'SET #type = :type, templateId = :id ADD redeemed :n',
      ExpressionAttributeNames: { '#type': 'type' }, ExpressionAttributeValues: { ':type': 'couponTemplateStats', ':id': c.template.id, ':n': c.template.redeemed },
    }))
  }
  return parts
}

const countsOf = (raw: Record<string, unknown> | undefined): BrandCounts => {
  const item = BrandStatsItem.parse(raw ?? {})
  return { ...Object.fromEntries(BRAND_COUNTERS.map((c) => [c, item[c]])) } as BrandCounts
}

/** A day's and a month's counters and the liability, in one BatchGet (zeros where nothing was counted yet). */
export async function readBrandStats(table: Table, day: string, month: string): Promise<{ day: BrandCounts; month: BrandCounts; liabilityPoints: number }> {
  const wanted = { day: keys.brandDayStats(day), month: keys.brandMonthStats(month), liability: keys.brandLiability() }
  const items = await getItems(table, Object.values(wanted))
  const find = (k: { sk: string }) => items.find((i) => i.sk === k.sk)
  return { day: countsOf(find(wanted.day)), month: countsOf(find(wanted.month)), liabilityPoints: LiabilityItem.parse(find(wanted.liability) ?? {}).points }
}

/** Redemptions per template (0 for a template never redeemed), one BatchGet per 100 templates. */
export async function templateRedemptions(table: Table, templateIds: readonly string[]): Promise<Map<string, number>> {
  const ids = [...new Set(templateIds)]
  const counts = new Map(ids.map((id) => [id, 0]))
  for (const raw of await getItems(table, ids.map((id) => keys.couponTemplateStats(id)))) {
    const s = TemplateStatsItem.parse(raw)
    counts.set(s.templateId, s.redeemed)
  }
  return counts
}
