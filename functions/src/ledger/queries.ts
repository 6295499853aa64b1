import type { ConsoleDebtorsPage } from '@siyu/shared/schemas/console'
import type { PointsHistoryPage, PointsHistoryQuery, PointsSummary } from '@siyu/shared/schemas/points'
import { NEVER_EXPIRES, expiresAt, lastDayOf } from '@siyu/shared/rules/points-expiry'
import type { ProgramRules } from '@siyu/shared/rules/program-rules'
import { z } from 'zod'
import { decodeCursor, encodeCursor } from '../lib/cursor'
import type { Table } from '../lib/db'
import { personRefs } from '../console/names'
import { debtorsPage, findAccount, accountState } from '../entities/account'
import { entriesPage, toPointsEntry, type EntryItem } from '../entities/entry'

export async function getSummary(table: Table, memberId: string, rules: ProgramRules, now: Date): Promise<PointsSummary> {
  const a = accountState(await findAccount(table, memberId))
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
  const items: EntryItem[] = []
  let start: Record<string, unknown> | undefined
  do {
    // One extra row tells whether another page exists.
    const page = await entriesPage(table, memberId, { belowSeq: after?.seq, code: q.code, limit: q.code ? 100 : q.limit + 1 - items.length, start })
    items.push(...page.items)
    start = page.next
  } while (items.length <= q.limit && start)
  const pageItems = items.slice(0, q.limit)
  const more = items.length > q.limit
  return { items: pageItems.map(toPointsEntry), nextCursor: more ? encodeCursor(scope, { seq: pageItems[pageItems.length - 1].seq }) : null }
}

const DEBTORS = 'debtors'

/** Members in debt with their names (one BatchGet of the page's members), for the console's 欠扣 page. */
export async function listDebtors(table: Table, q: { cursor?: string; limit: number }): Promise<ConsoleDebtorsPage> {
  const after = decodeCursor(q.cursor, DEBTORS, z.object({ memberId: z.string().regex(/^m_[0-9a-z]{10,40}$/) }))
  const { items, more } = await debtorsPage(table, { afterMemberId: after?.memberId, limit: q.limit })
  const names = await personRefs(table, items.map((a) => a.memberId))
  return {
    items: items.map((a) => ({ member: names.get(a.memberId)!, debt: a.debt, available: a.available, updatedAt: a.updatedAt })),
    nextCursor: more && items.length ? encodeCursor(DEBTORS, { memberId: items[items.length - 1].memberId }) : null,
  }
}
