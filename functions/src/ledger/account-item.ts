import type { PointsEntry } from '@siyu/shared/schemas/points'
import type { EntryCode } from '@siyu/shared/schemas/points'
import { keys } from '../lib/keys'
import { emptyAccount, type AccountState, type Delta } from './account'

/** The stored account (`MEMBER#{id}` / `ACCOUNT`). */
export type AccountItem = AccountState & { pk: string; sk: 'ACCOUNT'; type: 'account'; memberId: string; updatedAt: string; gsi1pk?: string; gsi1sk?: string }

/** A stored entry (`MEMBER#{id}` / `ENTRY#{seq}`): immutable once written. */
export interface EntryItem {
  pk: string
  sk: string
  type: 'entry'
  memberId: string
  seq: number
  /** The idempotency key that produced it: an entry's id is its business key. */
  key: string
  code: EntryCode
  points: number
  delta: Delta
  balanceAfter: number
  pendingAfter: number
  debtAfter: number
  expiryMonth?: string
  /** The expiry-month lots a spend or clawback took points from (a void gives exactly these back). */
  lots?: Record<string, number>
  ref: string
  note?: string
  at: string
}

export function accountState(item: AccountItem | undefined): AccountState {
  if (!item) return emptyAccount()
  const { available, pending, debt, lots, earned, spent, expired, reversed, version } = item
  return { available, pending, debt, lots: lots ?? {}, earned, spent, expired, reversed: reversed ?? 0, version }
}

export function toAccountItem(memberId: string, a: AccountState, at: string): AccountItem {
  return {
    ...(keys.account(memberId) as { pk: string; sk: 'ACCOUNT' }),
    type: 'account',
    memberId,
    ...a,
    updatedAt: at,
    ...(a.debt > 0 ? keys.debtor(memberId) : {}),
  }
}

export const toPointsEntry = (e: EntryItem): PointsEntry => ({
  id: e.key,
  code: e.code,
  points: e.points,
  balanceAfter: e.balanceAfter,
  pendingAfter: e.pendingAfter,
  debtAfter: e.debtAfter,
  ...(e.expiryMonth ? { expiryMonth: e.expiryMonth } : {}),
  ref: e.ref,
  ...(e.note ? { note: e.note } : {}),
  at: e.at,
})
