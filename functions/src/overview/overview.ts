import { shanghaiDate } from '@siyu/shared/rules/business-day'
import type { ProgramRules } from '@siyu/shared/rules/program-rules'
import type { Overview, OverviewFigures } from '@siyu/shared/schemas/console'
import { readBrandStats, type BrandCounts } from '../entities/brand-stats'
import { findStore } from '../entities/store'
import { readStoreDays, type StoreDayItem } from '../entities/store-day'
import { requireOperator, storeScope } from '../console/operator'
import type { Table } from '../lib/db'
import { DomainError } from '../lib/errors'
import type { Clock } from '../lib/ids'
import type { Session } from '../lib/session'

/**
 * `GET /v1/admin/overview`: today's and this month's (Shanghai) figures. The brand's come from the
 * counters the stream consumer keeps with each event (`overview/counters.ts` says what counts);
 * a store's — a manager's always, an admin's when asked — from the store's day counters the till
 * writes, where joins and claims (which have no store) and the liability are null.
 */
export async function getOverview(deps: { table: Table; clock: Clock }, rules: ProgramRules, session: Session, q: { storeId?: string }): Promise<Overview> {
  const op = await requireOperator(deps.table, session)
  const storeId = storeScope(op, q.storeId)
  const now = deps.clock()
  const date = shanghaiDate(now)
  const month = date.slice(0, 7)
  const period = { date, month, asOf: now.toISOString() }
  return storeId === null ? { ...period, ...(await brandFigures(deps.table, rules, date, month)) } : { ...period, ...(await storeFigures(deps.table, storeId, date, month)) }
}

async function brandFigures(table: Table, rules: ProgramRules, date: string, month: string): Promise<Pick<Overview, 'store' | 'today' | 'thisMonth' | 'liability'>> {
  const stats = await readBrandStats(table, date, month)
  const perYuan = rules.till.redeemPointsPerYuan
  return {
    store: null,
    today: brandOf(stats.day),
    thisMonth: brandOf(stats.month),
    liability: { points: stats.liabilityPoints, valueFen: Math.floor((stats.liabilityPoints * 100) / perYuan), redeemPointsPerYuan: perYuan },
  }
}

const brandOf = (c: BrandCounts): OverviewFigures => ({ ...c })

async function storeFigures(table: Table, storeId: string, date: string, month: string): Promise<Pick<Overview, 'store' | 'today' | 'thisMonth' | 'liability'>> {
  const [store, days] = await Promise.all([findStore(table, storeId), readStoreDays(table, storeId, daysOfMonthUntil(date))])
  if (!store) throw new DomainError('store.not_found', '门店不存在')
  const sum = [...days.values()].reduce(addDay)
  return { store: { id: storeId, name: store.name }, today: storeOf(days.get(date)!), thisMonth: storeOf(sum), liability: null }
}

const addDay = (a: StoreDayItem, b: StoreDayItem): StoreDayItem => ({
  ...a,
  purchases: a.purchases + b.purchases, purchaseFen: a.purchaseFen + b.purchaseFen, pointsIssued: a.pointsIssued + b.pointsIssued,
  pointsRedeemed: a.pointsRedeemed + b.pointsRedeemed, couponsRedeemed: a.couponsRedeemed + b.couponsRedeemed,
})

/** A store's figures as the till counts them: points issued at its till (purchases), redeemed at it (points redemptions). */
const storeOf = (d: StoreDayItem): OverviewFigures => ({
  membersJoined: null, purchases: d.purchases, purchaseFen: d.purchaseFen, pointsIssued: d.pointsIssued, pointsRedeemed: d.pointsRedeemed,
  couponsClaimed: null, couponsRedeemed: d.couponsRedeemed,
})

/** YYYY-MM-01 … `date` (at most 31 keys). */
export function daysOfMonthUntil(date: string): string[] {
  const last = Number(date.slice(8, 10))
  return Array.from({ length: last }, (_, i) => `${date.slice(0, 8)}${String(i + 1).padStart(2, '0')}`)
}
