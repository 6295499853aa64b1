import { shanghaiDate } from '@siyu/shared/rules/business-day'
import { z } from 'zod'
import { getItem, queryIndex, queryPrefix, type Table } from '../lib/db'
import { DomainError } from '../lib/errors'
import { keys } from '../lib/keys'
import type { Part } from '../lib/transact'

const int = z.number().int()

/**
 * The points of one purchase (or a gift, a referral reward) while inside the return window:
 * `MEMBER#{id}` / `PENDING#{ref}`, indexed by the Shanghai day it activates (`PENDINGDUE#{day}`)
 * until it is settled.
 */
export const PendingLot = z
  .object({
    memberId: z.string(),
    ref: z.string(),
    points: int,
    /** Pending points not yet activated or voided. */
    remaining: int,
    /** Points reversed so far (voided or clawed back). */
    reversed: int,
    status: z.enum(['pending', 'activated']),
    activateAt: z.string(),
    expiryMonth: z.string(),
  })
  .loose()
export type PendingLot = z.infer<typeof PendingLot>

export async function findPendingLot(table: Table, memberId: string, ref: string): Promise<PendingLot | undefined> {
  const raw = await getItem(table, keys.pendingLot(memberId, ref))
  return raw ? PendingLot.parse(raw) : undefined
}

/** Every pending lot of a member (reconciliation sums those still pending). */
export async function* pendingLotsOf(table: Table, memberId: string): AsyncGenerator<PendingLot> {
  for await (const raw of queryPrefix(table, keys.memberPartition(memberId), keys.pendingPrefix())) yield PendingLot.parse(raw)
}

/** Lots due on a Shanghai day that activate at or before `upTo` (an ISO time; `~` after it takes the whole instant). */
export async function* pendingDueOn(table: Table, day: string, upTo: string): AsyncGenerator<PendingLot> {
  for await (const raw of queryIndex({ table }, keys.pendingDueOn(day), upTo)) yield PendingLot.parse(raw)
}

const dueIndex = (lot: Pick<PendingLot, 'memberId' | 'ref'>, activateAt: string) => keys.pendingDue(shanghaiDate(new Date(activateAt)), activateAt, lot.memberId, lot.ref)

/**
 * The lot of a new purchase, in its earn posting; indexed by its activation day unless already
 * activated. Taken means the order id (the lot's ref) is in use: `idempotency.mismatch`.
 */
export function pendingLotPutNewPart(table: Table, lot: PendingLot): Part<'pendingLot'> {
  return {
    name: 'pendingLot',
    item: {
      Put: {
        TableName: table.name,
        Item: { ...keys.pendingLot(lot.memberId, lot.ref), ...(lot.status === 'pending' ? dueIndex(lot, lot.activateAt) : {}), type: 'pendingLot', ...lot },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    onConditionFailed: () => new DomainError('idempotency.mismatch', '该订单号已被使用', { orderId: lot.ref }),
  }
}

/**
 * Sets a lot's state, conditioned on the state the plan read (a change in between is a lost race:
 * 'retry', the posting plans again); a settled lot leaves the due index.
 */
export function pendingLotUpdatePart(table: Table, lot: PendingLot, set: Partial<Pick<PendingLot, 'status' | 'remaining' | 'reversed'>>, settled: boolean): Part<'pendingLot'> {
  const names = Object.keys(set) as (keyof typeof set)[]
  return {
    name: 'pendingLot',
    item: {
      Update: {
        TableName: table.name,
        Key: keys.pendingLot(lot.memberId, lot.ref),
        UpdateExpression: `SET ${names.map((n) => `#${n} = :${n}`).join(', ')}${settled ? ' REMOVE gsi1pk, gsi1sk' : ''}`,
        ConditionExpression: '#status = :was_status AND remaining = :was_remaining AND reversed = :was_reversed',
        ExpressionAttributeNames: Object.fromEntries(['status', ...names].map((n) => [`#${n}`, n])),
        ExpressionAttributeValues: {
          ...Object.fromEntries(names.map((n) => [`:${n}`, set[n]])),
          ':was_status': lot.status,
          ':was_remaining': lot.remaining,
          ':was_reversed': lot.reversed,
        },
      },
    },
    onConditionFailed: () => 'retry',
  }
}

/**
 * Moves a pending lot's activation later (an upgrade gift whose upgrade must now wait longer),
 * with its due index; conditioned on the lot as read, so an activation or reversal in between
 * fails the caller's transaction ('retry') rather than being undone. Named `deferLot:{ref}` so a
 * transaction can defer several lots.
 */
export function deferPendingPart(table: Table, lot: PendingLot, activateAt: string): Part {
  const due = dueIndex(lot, activateAt)
  return {
    name: `deferLot:${lot.ref}`,
    item: {
      Update: {
        TableName: table.name,
        Key: keys.pendingLot(lot.memberId, lot.ref),
        UpdateExpression: 'SET activateAt = :at, gsi1pk = :pk, gsi1sk = :sk',
        ConditionExpression: '#status = :pending AND remaining = :remaining AND activateAt = :was',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':at': activateAt, ':pk': due.gsi1pk, ':sk': due.gsi1sk, ':pending': 'pending', ':remaining': lot.remaining, ':was': lot.activateAt },
      },
    },
    onConditionFailed: () => 'retry',
  }
}

