import { StoreDaySummary } from '@siyu/shared/schemas/staff'
import { z } from 'zod'
import { getItem, getItems, type Table } from '../lib/db'
import { keys } from '../lib/keys'
import { updatePart, type Part } from '../lib/transact'

const COUNTERS = [
  'purchases', 'purchaseFen', 'pointsIssued', 'couponsRedeemed', 'discountFen', 'refunds', 'refundFen', 'pointsReversed', 'redemptions', 'pointsRedeemed', 'voids',
] as const
type Counter = (typeof COUNTERS)[number]

const counter = () => z.number().int().default(0)

/** The store's counters of a Shanghai day (`STORE#{id}` / `DAY#{day}`); a counter never added to reads 0. */
export const StoreDayItem = z
  .object({
    purchases: counter(), purchaseFen: counter(), pointsIssued: counter(), couponsRedeemed: counter(), discountFen: counter(),
    refunds: counter(), refundFen: counter(), pointsReversed: counter(), redemptions: counter(), pointsRedeemed: counter(), voids: counter(),
  })
  .loose()
export type StoreDayItem = z.infer<typeof StoreDayItem>

export type DayCounters = Partial<Record<Counter, number>>

/** The store's counters for a Shanghai day (zeros for a day without actions). */
export async function readStoreDay(table: Table, storeId: string, date: string): Promise<StoreDaySummary> {
  const item = StoreDayItem.parse((await getItem(table, keys.storeDay(storeId, date))) ?? {})
  return StoreDaySummary.parse({ storeId, date, ...Object.fromEntries(COUNTERS.map((c) => [c, item[c]])) })
}

/** The store's counters of several Shanghai days in one BatchGet (per 100 days); a day without actions reads zeros. */
export async function readStoreDays(table: Table, storeId: string, days: readonly string[]): Promise<Map<string, StoreDayItem>> {
  const byDay = new Map(days.map((d) => [d, StoreDayItem.parse({})]))
  for (const raw of await getItems(table, days.map((d) => keys.storeDay(storeId, d)))) {
    byDay.set(String(raw.date), StoreDayItem.parse(raw))
  }
  return byDay
}

/** Adds to the store's day counters (negative to take back), in the action's transaction; unconditioned. */
export function storeDayAddPart(table: Table, storeId: string, day: string, counters: DayCounters): Part<'storeDay'> {
  const names = COUNTERS.filter((c) => counters[c] !== undefined)
  return updatePart('storeDay', table, keys.storeDay(storeId, day), {
    UpdateExpression: `SET #type = :type, storeId = :store, #date = :day ADD ${names.map((n) => `#${n} :${n}`).join(', ')}`,
    ExpressionAttributeNames: { '#type': 'type', '#date': 'date', ...Object.fromEntries(names.map((n) => [`#${n}`, n])) },
    ExpressionAttributeValues: { ':type': 'storeDay', ':store': storeId, ':day': day, ...Object.fromEntries(names.map((n) => [`:${n}`, counters[n]])) },
  })
}
