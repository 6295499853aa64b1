import { UpdateCommand } from '@aws-sdk/lib-dynamodb'
import type { Table } from '../lib/db'
import { isConditionFailed } from '../lib/db'
import { DomainError } from '../lib/errors'
import type { Clock } from '../lib/ids'
import { keys } from '../lib/keys'
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

const RATE_TTL_SECONDS = 120

/**
 * Counts one action against the staff member's per-minute allowance (429 when spent). Counted
 * before the action, so refused and failed attempts count too — that is the point of a limit.
 */
export async function takeRateToken(deps: { table: Table; clock: Clock }, staffId: string, perMinute: number): Promise<void> {
  const now = deps.clock()
  const minute = now.toISOString().slice(0, 16)
  try {
    await deps.table.db.send(new UpdateCommand({
      TableName: deps.table.name,
      Key: keys.rateWindow(staffId, minute),
      UpdateExpression: 'ADD #n :one SET #ttl = :ttl',
      ConditionExpression: 'attribute_not_exists(#n) OR #n < :max',
      ExpressionAttributeNames: { '#n': 'count', '#ttl': 'ttl' },
      ExpressionAttributeValues: { ':one': 1, ':max': perMinute, ':ttl': Math.floor(now.getTime() / 1000) + RATE_TTL_SECONDS },
    }))
  } catch (err) {
    if (isConditionFailed(err)) throw new DomainError('rate.limited', `操作过于频繁，请稍后再试（每分钟最多 ${perMinute} 次）`, { perMinute })
    throw err
  }
}
