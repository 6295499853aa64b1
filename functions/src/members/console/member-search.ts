import { parseMemberCode } from '@siyu/shared/rules/member-code'
import type { ProgramRules } from '@siyu/shared/rules/program-rules'
import type { MemberSearchPage, MemberSearchQuery } from '@siyu/shared/schemas/console'
import { z } from 'zod'
import { decodeCursor, encodeCursor } from '../../lib/cursor'
import type { Table } from '../../lib/db'
import { hashPii } from '../../lib/pii'
import { getMemberItem } from '../../entities/member'
import { memberIdForShortId } from '../../entities/member-code'
import { membersWithPhoneHash, nicknamePrefixPage, normaliseNickname } from '../../entities/member-index'
import { memberRows } from './member-rows'

type MatchedBy = MemberSearchPage['matchedBy']

const PHONE = /^1\d{10}$/
const SHORT_ID = /^\d{8}$/
const MEMBER_ID = /^m_[0-9a-z]{10,40}$/

/** What the console typed, read as the one kind of key it can be (anything else: a nickname prefix). */
export function searchKind(q: string): MatchedBy {
  if (PHONE.test(q)) return 'phone'
  if (parseMemberCode(q)) return 'member_code'
  if (SHORT_ID.test(q)) return 'short_id'
  if (MEMBER_ID.test(q)) return 'member_id'
  return 'nickname'
}

/** The member ids an exact key finds: the phone's index partition (one Query), the short id's item, the member itself. */
async function exactMatches(table: Table, piiKey: Buffer, kind: Exclude<MatchedBy, 'nickname'>, q: string, limit: number): Promise<string[]> {
  if (kind === 'phone') return membersWithPhoneHash(table, hashPii(piiKey, q), limit)
  if (kind === 'member_id') return (await getMemberItem(table, q)) ? [q] : []
  const shortId = kind === 'member_code' ? parseMemberCode(q)!.shortId : q
  const id = await memberIdForShortId(table, shortId)
  return id ? [id] : []
}

/** A nickname page ends at an index sort key inside the prefix asked for (DynamoDB refuses a start key outside it). */
const nicknamePosition = (prefix: string) => z.object({ sk: z.string().max(300).refine((sk) => sk.startsWith(prefix) && sk.length > prefix.length) })

/**
 * 会员 search: a full phone number (exact, through its keyed hash — never a scan; a partial number
 * is a nickname search), a member code shown at the till or its 8-digit short id, a member id, or
 * else a nickname prefix (normalised, from the nickname index, paged by cursor). Rows come from
 * one BatchGet round. Any console operator may search every member: members belong to the brand,
 * not to a store.
 */
export async function searchMembers(deps: { table: Table; piiKey: Buffer }, rules: ProgramRules, query: MemberSearchQuery): Promise<MemberSearchPage> {
  // Digits typed with spaces or dashes (138 0000 0000) are still a number.
  const typed = query.q.trim()
  const q = /^[\d\s-]+$/.test(typed) ? typed.replace(/[\s-]/g, '') : typed
  const kind = searchKind(q)
  if (kind !== 'nickname') {
    // Exact keys have one page: a cursor was never issued for them.
    decodeCursor(query.cursor, `members:${kind}`, z.never())
    return { matchedBy: kind, items: await memberRows(deps.table, rules, await exactMatches(deps.table, deps.piiKey, kind, q, query.limit)), nextCursor: null }
  }
  const prefix = normaliseNickname(q)
  const scope = `members:nickname:${prefix}`
  const after = decodeCursor(query.cursor, scope, nicknamePosition(prefix))
  const { rows, more } = prefix ? await nicknamePrefixPage(deps.table, prefix, after?.sk, query.limit) : { rows: [], more: false }
  const last = rows[rows.length - 1]
  return {
    matchedBy: 'nickname',
    items: await memberRows(deps.table, rules, rows.map((r) => r.memberId)),
    nextCursor: more && last ? encodeCursor(scope, { sk: last.sk }) : null,
  }
}
