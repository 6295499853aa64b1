import type { ConsoleOperator } from '@siyu/shared/schemas/console'
import { getMemberItem } from '../entities/member'
import { findStore } from '../entities/store'
import type { Table } from '../lib/db'
import { DomainError } from '../lib/errors'
import type { Session } from '../lib/session'
import { personRefOf } from './names'

/** A console caller as the table has them: a brand admin, or the manager of one store. */
export type Operator = { memberId: string; role: 'admin'; storeId: null } | { memberId: string; role: 'manager'; storeId: string }

const forbidden = () => new DomainError('auth.forbidden', '没有权限执行此操作')

/**
 * The caller's console rights, read from the stored member item (never only the token): an admin
 * sees the brand; a manager who is not disabled sees their store; anyone else is refused.
 */
export async function requireOperator(table: Table, session: Session): Promise<Operator> {
  const m = await getMemberItem(table, session.memberId)
  if (!m) throw forbidden()
  if (m.roles.includes('admin')) return { memberId: m.memberId, role: 'admin', storeId: null }
  if (m.staffDisabled) throw new DomainError('staff.disabled', '员工账号已停用')
  if (m.roles.includes('manager') && m.storeId) return { memberId: m.memberId, role: 'manager', storeId: m.storeId }
  throw forbidden()
}

/** Admin routes a manager may not call: refused from the table's roles, whatever the token says. */
export async function requireAdmin(table: Table, session: Session): Promise<Operator & { role: 'admin' }> {
  const op = await requireOperator(table, session)
  if (op.role !== 'admin') throw forbidden()
  return op
}

/**
 * The store a request may see: an admin any (or, with none asked, the whole brand: null); a manager
 * only their own — asking for another store is 403, not a quiet switch.
 */
export function storeScope(op: Operator, asked: string | undefined): string | null {
  if (op.role === 'admin') return asked ?? null
  if (asked && asked !== op.storeId) throw forbidden()
  return op.storeId
}

/** `GET /v1/admin/me`: who the console is talking to. */
export async function describeOperator(table: Table, session: Session): Promise<ConsoleOperator> {
  const op = await requireOperator(table, session)
  const [member, store] = await Promise.all([getMemberItem(table, op.memberId), op.storeId ? findStore(table, op.storeId) : undefined])
  return {
    operator: personRefOf(op.memberId, member),
    role: op.role,
    store: op.storeId ? { id: op.storeId, name: store?.name ?? op.storeId } : null,
  }
}
