import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb'
import type { DebtorsPage, PointsHistoryPage, PointsHistoryQuery, PointsSummary } from '@siyu/shared/schemas/points'
import { NEVER_EXPIRES, expiresAt, lastDayOf } from '@siyu/shared/rules/points-expiry'
import type { ProgramRules } from '@siyu/shared/rules/program-rules'
import { z } from 'zod'
import { decodeCursor, encodeCursor } from '../lib/cursor'
import type { Table } from '../lib/db'
import { entrySeq, keys } from '../lib/keys'
import { accountState, toPointsEntry, type AccountItem, type EntryItem } from './account-item'

export async function getSummary(table: Table, memberId: string, rules: ProgramRules, now: Date): Promise<PointsSummary> {
  const { Item } = await table.db.send(new GetCommand({ TableName: table.name, Key: keys.account(memberId) }))
  const a = accountState(Item as AccountItem | undefined)
  const lots = Object.keys(a.lots)
    .sort()
    .map((month) => ({ month, points: a.lots[month], lastDay: month === NEVER_EXPIRES ? '9999-12-31' : lastDayOf(month) }))
  const horizon = now.getTime() + rules.points.expiringSoonDays * 86_400_000
  const soon = lots.filter((l) => {
    const at = expiresAt(l.month)
    return at !== null && at.getTime() <= horizon
  })
  return {
    available: a.available,
    pending: a.pending,
    debt: a.debt,
    expiringSoon: soon.length ? { month: soon[0].month, lastDay: soon[0].lastDay, points: soon.reduce((s, l) => s + l.points, 0) } : null,
    lots,
    lifetime: { earned: a.earned, spent: a.spent, expired: a.expired, reversed: a.reversed },
  }
}

/**
 * Entries newest first. The cursor holds the sequence number of the last entry returned (bound
 * to the member and the code filter); with a code filter, pages are read until `limit` matching
 * entries are found or the history ends.
 */
export async function listHistory(table: Table, memberId: string, q: PointsHistoryQuery): Promise<PointsHistoryPage> {
  const scope = `history:${memberId}:${q.code ?? ''}`
  const after = decodeCursor(q.cursor, scope, z.object({ seq: z.number().int().min(1) }))
  const prefix = keys.entryPrefix()
  const upper = after ? `${prefix}${entrySeq(after.seq - 1)}` : `${prefix}~`
  const items: EntryItem[] = []
  let start: Record<string, unknown> | undefined
  do {
    const page = await table.db.send(
      new QueryCommand({
        TableName: table.name,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :lo AND :hi',
        ExpressionAttributeValues: { ':pk': keys.account(memberId).pk, ':lo': prefix, ':hi': upper, ...(q.code ? { ':code': q.code } : {}) },
        ...(q.code ? { FilterExpression: 'code = :code' } : {}),
        ScanIndexForward: false,
        // One extra row tells whether another page exists.
        Limit: q.code ? 100 : q.limit + 1 - items.length,
        ExclusiveStartKey: start,
      }),
    )
    items.push(...((page.Items ?? []) as EntryItem[]))
    start = page.LastEvaluatedKey
  } while (items.length <= q.limit && start)
  const pageItems = items.slice(0, q.limit)
  const more = items.length > q.limit
  return { items: pageItems.map(toPointsEntry), nextCursor: more ? encodeCursor(scope, { seq: pageItems[pageItems.length - 1].seq }) : null }
}

const DEBTORS = 'debtors'

export async function listDebtors(table: Table, q: { cursor?: string; limit: number }): Promise<DebtorsPage> {
  const after = decodeCursor(q.cursor, DEBTORS, z.object({ memberId: z.string().regex(/^m_[0-9a-z]{10,40}$/) }))
  const page = await table.db.send(
    new QueryCommand({
      TableName: table.name,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.debtor('').gsi1pk },
      Limit: q.limit,
      ExclusiveStartKey: after ? { ...keys.account(after.memberId), ...keys.debtor(after.memberId) } : undefined,
    }),
  )
  const items = (page.Items ?? []) as AccountItem[]
  return {
    items: items.map((a) => ({ memberId: a.memberId, debt: a.debt, available: a.available, updatedAt: a.updatedAt })),
    nextCursor: page.LastEvaluatedKey && items.length ? encodeCursor(DEBTORS, { memberId: items[items.length - 1].memberId }) : null,
  }
}
