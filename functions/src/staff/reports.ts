import { QueryCommand } from '@aws-sdk/lib-dynamodb'
import type { AuditPage, AuditQuery, StoreDaySummary } from '@siyu/shared/schemas/staff'
import { z } from 'zod'
import { decodeCursor, encodeCursor, sortKeyAfter } from '../lib/cursor'
import { getItem, type Table } from '../lib/db'
import { keys } from '../lib/keys'

const COUNTERS = [
  'purchases', 'purchaseFen', 'pointsIssued', 'couponsRedeemed', 'discountFen', 'refunds', 'refundFen', 'pointsReversed', 'redemptions', 'pointsRedeemed', 'voids',
] as const

/** The store's counters for a Shanghai day (zeros for a day without actions). */
export async function storeDaySummary(table: Table, storeId: string, date: string): Promise<StoreDaySummary> {
  const item = await getItem(table, keys.storeDay(storeId, date))
  return { storeId, date, ...Object.fromEntries(COUNTERS.map((c) => [c, Number(item?.[c] ?? 0)])) } as StoreDaySummary
}

/**
 * The store's audit entries of a day, newest first. The cursor holds the sort key of the last
 * entry returned (bound to the store, day and filter); with a staff filter, pages are read until
 * `limit` matches or the day ends.
 */
export async function listAudit(table: Table, storeId: string, date: string, q: AuditQuery): Promise<AuditPage> {
  const scope = `audit:${storeId}:${date}:${q.staffId ?? ''}`
  const after = decodeCursor(q.cursor, scope, z.object({ sk: sortKeyAfter('') }))
  const items: Record<string, unknown>[] = []
  let start: Record<string, unknown> | undefined
  do {
    const page = await table.db.send(new QueryCommand({
      TableName: table.name,
      KeyConditionExpression: after ? 'pk = :pk AND sk < :cursor' : 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.storeAuditDay(storeId, date), ...(after ? { ':cursor': after.sk } : {}), ...(q.staffId ? { ':staff': q.staffId } : {}) },
      ...(q.staffId ? { FilterExpression: 'staffId = :staff' } : {}),
      ScanIndexForward: false,
      // One extra row tells whether another page exists.
      Limit: q.staffId ? 100 : q.limit + 1 - items.length,
      ExclusiveStartKey: start,
    }))
    items.push(...(page.Items ?? []))
    start = page.LastEvaluatedKey
  } while (items.length <= q.limit && start)
  const shown = items.slice(0, q.limit)
  return {
    items: shown.map((i) => ({
      id: i.id as string, at: i.at as string, storeId: i.storeId as string, staffId: i.staffId as string, action: i.action as string,
      memberId: (i.memberId as string) ?? null, orderId: (i.orderId as string) ?? null, amountFen: (i.amountFen as number) ?? null,
      points: (i.points as number) ?? null, requestId: i.requestId as string,
    })),
    nextCursor: items.length > q.limit ? encodeCursor(scope, { sk: shown[shown.length - 1].sk as string }) : null,
  }
}
