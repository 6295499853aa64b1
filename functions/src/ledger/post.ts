import type { EntryCode } from '@siyu/shared/schemas/points'
import type { Table } from '../lib/db'
import { DomainError } from '../lib/errors'
import type { Clock } from '../lib/ids'
import { keys } from '../lib/keys'
import { logger } from '../lib/logger'
import { withRetry, type Backoff } from '../lib/retry'
import { commit, TransactionRaced, type Part } from '../lib/transact'
import { accountPutPart, readAccountState } from '../entities/account'
import { EntryItem, entryPutNewPart } from '../entities/entry'
import { claimKeyPart, idempotentRequest, storedAnswer, type IdempotentRequest } from '../entities/idempotency'
import { lotIndexPutPart } from '../entities/lot-index'
import { applyMovements, deltaOf, netPoints, type AccountState, type Movement } from './account'

export type { EntryItem } from '../entities/entry'

/** What a capability wants posted, decided from the account as it is now. */
export interface PostingPlan {
  code: EntryCode
  movements: Movement[]
  ref: string
  note?: string
  expiryMonth?: string
  /** The capability's own named parts, written in the same transaction (each reports its own refusal). */
  sideParts?: Part[]
}

export interface PostingRequest {
  memberId: string
  /** Business idempotency key (`order:{id}:earn`, `checkin:{member}:{date}`, `client:{caller}:{key}`). */
  key: string
  /** The request payload: the same key with a different payload is a 409 idempotency.mismatch. */
  payload: unknown
  /** Decides the posting from the current account; null = nothing to post. Called again on retry. */
  plan: (account: AccountState) => PostingPlan | null | Promise<PostingPlan | null>
}

export interface PostingResult {
  entry: EntryItem
  replayed: boolean
}

export interface LedgerDeps {
  table: Table
  clock: Clock
  backoff?: Backoff
}

/** The entry the first copy of a request posted (its idempotency answer), as a replay. */
async function replayOf(table: Table, req: IdempotentRequest): Promise<PostingResult | undefined> {
  const entry = await storedAnswer(table, req, (answer) => EntryItem.parse(answer))
  return entry && { entry, replayed: true }
}

function newEntry(req: PostingRequest, before: AccountState, after: AccountState, taken: Record<string, number>, plan: PostingPlan, at: string): EntryItem {
  const delta = deltaOf(before, after)
  return {
    ...keys.entry(req.memberId, after.version),
    type: 'entry',
    memberId: req.memberId,
    seq: after.version,
    key: req.key,
    code: plan.code,
    points: netPoints(delta),
    delta,
    balanceAfter: after.available,
    pendingAfter: after.pending,
    debtAfter: after.debt,
    ...(plan.expiryMonth ? { expiryMonth: plan.expiryMonth } : {}),
    ...(Object.keys(taken).length ? { lots: taken } : {}),
    ref: plan.ref,
    ...(plan.note ? { note: plan.note } : {}),
    at,
  }
}

/**
 * The posting's transaction as named parts: the idempotency key (answered with the entry), the
 * account's next state (guarded by the version read), the entry, an index item per new expiry
 * month (`lot:{month}`), then the capability's own parts.
 */
function postingParts(table: Table, req: PostingRequest, idem: IdempotentRequest, before: AccountState, plan: PostingPlan, at: string) {
  const { after, taken } = applyMovements(before, plan.movements)
  after.version = before.version + 1
  const entry = newEntry(req, before, after, taken, plan, at)
  const spend = plan.movements.reduce((s, m) => s + (m.kind === 'spend' ? m.points : 0), 0)
  const newLots = Object.keys(after.lots).filter((month) => !(month in before.lots))
  const parts: Part[] = [
    claimKeyPart(table, idem, entry, at, req.memberId),
    accountPutPart(table, req.memberId, before, after, spend, at),
    entryPutNewPart(table, entry),
    ...newLots.map((month) => lotIndexPutPart(table, req.memberId, month)),
    ...(plan.sideParts ?? []),
  ]
  return { entry, parts }
}

async function planAndWrite(deps: LedgerDeps, req: PostingRequest, idem: IdempotentRequest): Promise<PostingResult | null> {
  const before = await readAccountState(deps.table, req.memberId)
  const plan = await req.plan(before)
  if (!plan) return null
  const { entry, parts } = postingParts(deps.table, req, idem, before, plan, deps.clock().toISOString())
  try {
    await commit(deps.table, parts)
    return { entry, replayed: false }
  } catch (err) {
    // Someone posted this key first: answer as a replay (or a mismatch).
    if (err instanceof TransactionRaced && err.failed.has('idempotency')) {
      const first = await replayOf(deps.table, idem)
      if (first) return first
    }
    throw err
  }
}

async function attempt(deps: LedgerDeps, req: PostingRequest, idem: IdempotentRequest): Promise<PostingResult | null> {
  const replay = await replayOf(deps.table, idem)
  if (replay) return replay
  try {
    return await planAndWrite(deps, req, idem)
  } catch (err) {
    if (!(err instanceof DomainError)) throw err
    // A refusal may only hold because another copy of this very request committed after the key
    // was read (the balance it spent, the order it refunded): that copy's result is the answer.
    const first = await replayOf(deps.table, idem)
    if (first) return first
    throw err
  }
}

/**
 * Posts one ledger entry: the idempotency key, the account's next state and the entry (plus
 * the capability's parts) in one TransactWriteItems. The account is read, the movements applied
 * in code, and the write is conditioned on the version read, so concurrent postings serialise;
 * a lost race or DynamoDB contention retries under the one retry policy (`withRetry`).
 * The request's key is read before anything is decided, and again before any refusal (from the
 * plan, a movement or a side condition): a copy of the same request that committed meanwhile is
 * answered as a replay, never as its own refusal.
 */
export async function post(deps: LedgerDeps, req: PostingRequest): Promise<PostingResult | null> {
  const idem = idempotentRequest(req.key, req.payload)
  return withRetry(() => attempt(deps, req, idem), {
    backoff: deps.backoff,
    onGiveUp: async (err, attempts) => {
      // The last lost race may have been lost to another copy of this request.
      const first = await replayOf(deps.table, idem)
      if (first) return first
      logger.warn('ledger posting gave up after retries', { key: req.key, attempts })
      throw new DomainError('ledger.busy', '操作繁忙，请稍后重试', undefined, { cause: err })
    },
  })
}
