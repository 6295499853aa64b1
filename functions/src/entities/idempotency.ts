import { PutCommand } from '@aws-sdk/lib-dynamodb'
import { conditionally, getItem, type Table } from '../lib/db'
import { DomainError } from '../lib/errors'
import { fingerprint } from '../lib/fingerprint'
import { keys } from '../lib/keys'
import type { Part } from '../lib/transact'

/**
 * The one idempotency mechanism of every write (ledger postings, till actions, claims, admin
 * writes): a business key, the fingerprint of the request's payload, and the answer the first
 * request gave — stored in the same transaction as the effect, with `attribute_not_exists`.
 * A retry with the same payload gets the stored answer; the same key with another payload is
 * `409 idempotency.mismatch`.
 */
export interface IdempotentRequest {
  /** `order:{id}:earn`, `checkin:{member}:{date}`, `client:{caller}:{key}`, … */
  key: string
  /** Fingerprint of the payload (canonical JSON, hashed). */
  hash: string
}

export const idempotentRequest = (key: string, payload: unknown): IdempotentRequest => ({ key, hash: fingerprint(payload) })

/** The key of a client's Idempotency-Key, scoped to the caller so two callers never collide. */
export const clientKey = (callerId: string, idempotencyKey: string) => `client:${callerId}:${idempotencyKey}`

interface IdempotencyItem {
  hash: string
  answer: unknown
}

const parseItem = (raw: Record<string, unknown>): IdempotencyItem => {
  if (typeof raw.hash !== 'string' || !('answer' in raw)) throw new Error(`malformed idempotency item ${String(raw.pk)}`)
  return { hash: raw.hash, answer: raw.answer }
}

/** The answer stored under the request's key; undefined when the key is unused; a 409 when another payload used it. */
export async function storedAnswer<A>(table: Table, req: IdempotentRequest, parse: (answer: unknown) => A): Promise<A | undefined> {
  const raw = await getItem(table, keys.idempotency(req.key))
  if (!raw) return undefined
  const item = parseItem(raw)
  if (item.hash !== req.hash) throw new DomainError('idempotency.mismatch', '该请求编号已用于另一笔不同的操作', { key: req.key })
  return parse(item.answer)
}

/**
 * The answer recorded under a key, whatever payload recorded it (undefined when the key is unused):
 * for a later operation that refers to an earlier one by its key (a void restoring a spend).
 */
export async function recordedAnswer<A>(table: Table, key: string, parse: (answer: unknown) => A): Promise<A | undefined> {
  const raw = await getItem(table, keys.idempotency(key))
  return raw ? parse(parseItem(raw).answer) : undefined
}

const keyItem = (req: IdempotentRequest, answer: unknown, at: string, memberId?: string) => ({
  ...keys.idempotency(req.key), type: 'idempotency', hash: req.hash, answer, ...(memberId ? { memberId } : {}), createdAt: at,
})

/**
 * Claims the key inside the effect's own transaction, with the answer to give every retry. Its
 * condition fails only when a copy of the request committed first: 'retry', and the retry reads
 * that copy's answer.
 */
export function claimKeyPart(table: Table, req: IdempotentRequest, answer: unknown, at: string, memberId?: string): Part<'idempotency'> {
  return { name: 'idempotency', item: { Put: { TableName: table.name, Item: keyItem(req, answer, at, memberId), ConditionExpression: 'attribute_not_exists(pk)' } } }
}

/** Claims the key on its own (an effect that is one conditional write elsewhere); false when it was taken. */
export async function claimKey(table: Table, req: IdempotentRequest, answer: unknown, at: string, memberId?: string): Promise<boolean> {
  return conditionally(table.db.send(new PutCommand({ TableName: table.name, Item: keyItem(req, answer, at, memberId), ConditionExpression: 'attribute_not_exists(pk)' })))
}
