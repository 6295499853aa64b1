import type { ProgramRules } from '@siyu/shared/rules/program-rules'
import type { PointsHistoryQuery } from '@siyu/shared/schemas/points'
import type { Table } from '../../lib/db'
import { getCalendar } from '../../checkin/calendar'
import { listMyCoupons } from '../../coupons/wallet'
import { listHistory } from '../../ledger/queries'
import { listMyReferrals } from '../../referrals/queries'
import { getMember } from '../members'

/**
 * A member's lists as the console reads them: the same domain functions the member's own
 * `/v1/me/...` routes use, for the path's member (404 when there is none). Any console operator may
 * read any member: members belong to the brand, not to a store.
 */
export async function memberHistory(table: Table, memberId: string, q: PointsHistoryQuery) {
  await getMember(table, memberId)
  return listHistory(table, memberId, q)
}

export async function memberCoupons(table: Table, memberId: string, q: Parameters<typeof listMyCoupons>[2], now: Date) {
  await getMember(table, memberId)
  return listMyCoupons(table, memberId, q, now)
}

export async function memberCheckins(table: Table, rules: ProgramRules, memberId: string, now: Date, month?: string) {
  await getMember(table, memberId)
  return getCalendar(table, rules, memberId, now, month)
}

export async function memberReferrals(table: Table, memberId: string, q: { cursor?: string; limit: number }, now: Date) {
  await getMember(table, memberId)
  return listMyReferrals(table, memberId, q, now)
}
