import type { Table } from '../lib/db'
import { DomainError } from '../lib/errors'
import { takeToken, type RateDeps } from '../lib/rate-limit'
import type { Session } from '../lib/session'
import { getMember } from '../members/members'

export interface StaffMember {
  staffId: string
  storeId: string
  role: 'clerk' | 'manager'
}

/**
 * The caller as staff, read from the table rather than trusted from the token: a disabled or
 * re-bound staff member loses their rights at once, not when the token expires.
 */
export async function requireStaff(table: Table, session: Session, opts: { managerOnly?: boolean } = {}): Promise<StaffMember> {
  const m = await getMember(table, session.memberId)
  if (m.staffDisabled) throw new DomainError('staff.disabled', '员工账号已停用')
  const role = m.roles.includes('manager') ? 'manager' : m.roles.includes('clerk') ? 'clerk' : null
  if (!role || !m.storeId || (opts.managerOnly && role !== 'manager')) throw new DomainError('auth.forbidden', '没有权限执行此操作')
  return { staffId: m.memberId, storeId: m.storeId, role }
}

/**
 * Counts one action against the staff member's allowance (a token bucket of `perMinute`, 429
 * when spent). Counted before the action, so refused and failed attempts count too — that is
 * the point of a limit.
 */
export async function takeRateToken(deps: RateDeps, staffId: string, perMinute: number): Promise<void> {
  await takeToken(deps, `staff:${staffId}`, { limit: perMinute, perSeconds: 60 }, `操作过于频繁，请稍后再试（每分钟最多 ${perMinute} 次）`)
}

/**
 * Counts one till action on a member (a scan of their code, an action on their order) against the
 * member's allowance, whichever till it comes from: one member cannot be hammered — nor their code
 * guessed — from several tills at once.
 */
export async function takeMemberTillToken(deps: RateDeps, memberId: string, perMinute: number): Promise<void> {
  await takeToken(deps, `member-till:${memberId}`, { limit: perMinute, perSeconds: 60 }, `该会员的操作过于频繁，请稍后再试（同一会员每分钟最多 ${perMinute} 次）`)
}
