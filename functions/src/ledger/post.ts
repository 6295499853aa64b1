import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb'
import type { Part, TransactItem } from '../lib/transact'
import type { EntryCode } from '@siyu/shared/schemas/points'
import { getItem, type Table } from '../lib/db'
import { DomainError } from '../lib/errors'
import type { Clock } from '../lib/ids'
import { keys } from '../lib/keys'
import { logger } from '../lib/logger'
import { applyMovements, deltaOf, netPoints, type AccountState, type Movement } from './account'
import { accountState, toAccountItem, type AccountItem, type EntryItem } from './account-item'
import { fingerprint } from '../lib/fingerprint'
import { backoffDelay, defaultBackoff, isRetryableDynamoError, type Backoff } from '../lib/retry'

export type { TransactItem } from '../lib/transact'

/** What a capability wants posted, decided from the account as it is now. */
export interface PostingPlan {
  code: EntryCode
  movements: Movement[]
  ref: string
  note?: string
  expiryMonth?: string
  /** The capability's own named parts, written in the same transaction (each reports its own refusal). */
  sideParts?: Part[]
  /** @deprecated positional side items; use `sideParts`. Kept while the capabilities move over. */
  sideItems?: TransactItem[]
  /** @deprecated see `sideItems`. */
  onSideConditionFailed?: (index: number) => DomainError | 'retry'
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

class RetryPosting extends Error {}

async function readIdempotent(table: Table, key: string, hash: string): Promise<EntryItem | undefined> {
  const item = await getItem(table, keys.idempotency(key))
  if (!item) return undefined
  if (item.hash !== hash) {
    throw new DomainError('idempotency.mismatch', '该请求编号已用于另一笔不同的操作', { key })
  }
  return item.entry as EntryItem
}

async function readAccount(table: Table, memberId: string): Promise<AccountState> {
  return accountState(await getItem<AccountItem>(table, keys.account(memberId)))
}

function buildTransaction(table: Table, req: PostingRequest, hash: string, before: AccountState, plan: PostingPlan, at: string) {
  const { after, taken } = applyMovements(before, plan.movements)
  const delta = deltaOf(before, after)
  after.version = before.version + 1
  const entry: EntryItem = {
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
  const spend = plan.movements.filter((m) => m.kind === 'spend').reduce((s, m) => s + (m as { points: number }).points, 0)
  const newLots = Object.keys(after.lots).filter((month) => !(month in before.lots))
  const items: TransactItem[] = [
    {
      Put: {
        TableName: table.name,
        Item: { ...keys.idempotency(req.key), type: 'idempotency', hash, memberId: req.memberId, entry, createdAt: at },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    {
      // The whole next state, guarded by the version it was computed from: no lost update.
      Put: {
        TableName: table.name,
        Item: toAccountItem(req.memberId, after, at),
        ...(before.version === 0
          ? { ConditionExpression: 'attribute_not_exists(pk)' }
          : {
              ConditionExpression: spend > 0 ? 'version = :v AND available >= :spend' : 'version = :v',
              ExpressionAttributeValues: { ':v': before.version, ...(spend > 0 ? { ':spend': spend } : {}) },
            }),
      },
    },
    { Put: { TableName: table.name, Item: entry, ConditionExpression: 'attribute_not_exists(pk)' } },
    ...newLots.map((month) => ({ Put: { TableName: table.name, Item: { ...keys.lotIndex(req.memberId, month), type: 'lotIndex', memberId: req.memberId, month } } })),
  ]
  return { entry, items, sideOffset: items.length }
}

function cancellationCodes(err: unknown): (string | undefined)[] | undefined {
  const e = err as { name?: string; CancellationReasons?: { Code?: string }[] }
  return e?.name === 'TransactionCanceledException' ? (e.CancellationReasons ?? []).map((r) => r.Code) : undefined
}

async function attempt(deps: LedgerDeps, req: PostingRequest, hash: string): Promise<PostingResult | null> {
  const replay = await readIdempotent(deps.table, req.key, hash)
  if (replay) return { entry: replay, replayed: true }
  try {
    return await planAndWrite(deps, req, hash)
  } catch (err) {
    if (!(err instanceof DomainError)) throw err
    // A refusal may only hold because another copy of this very request committed after the key
    // was read (the balance it spent, the order it refunded): that copy's result is the answer.
    const first = await readIdempotent(deps.table, req.key, hash)
    if (first) return { entry: first, replayed: true }
    throw err
  }
}

async function planAndWrite(deps: LedgerDeps, req: PostingRequest, hash: string): Promise<PostingResult | null> {
  const before = await readAccount(deps.table, req.memberId)
  const plan = await req.plan(before)
  if (!plan) return null
  const at = deps.clock().toISOString()
  const { entry, items, sideOffset } = buildTransaction(deps.table, req, hash, before, plan, at)
  try {
    await deps.table.db.send(new TransactWriteCommand({ TransactItems: [...items, ...(plan.sideParts ?? []).map((p) => p.item), ...(plan.sideItems ?? [])] }))
    return { entry, replayed: false }
  } catch (err) {
    const codes = cancellationCodes(err)
    if (!codes) throw err
    if (codes[0] === 'ConditionalCheckFailed') {
      // Someone posted this key first: answer as a replay (or a mismatch).
      const first = await readIdempotent(deps.table, req.key, hash)
      if (first) return { entry: first, replayed: true }
    }
    const parts = plan.sideParts ?? []
    for (const [i, part] of parts.entries()) {
      if (codes[sideOffset + i] !== 'ConditionalCheckFailed') continue
      const outcome = part.onConditionFailed?.() ?? 'retry'
      if (outcome !== 'retry') throw outcome
    }
    const failedSide = codes.findIndex((c, i) => i >= sideOffset + parts.length && c === 'ConditionalCheckFailed') - parts.length
    if (failedSide >= 0) {
      const outcome = plan.onSideConditionFailed?.(failedSide - sideOffset) ?? 'retry'
      if (outcome !== 'retry') throw outcome
    }
    throw new RetryPosting('account or side items changed', { cause: err })
  }
}

/**
 * Posts one ledger entry: the idempotency key, the account's next state and the entry (plus
 * any side items) in one TransactWriteItems. The account is read, the movements applied in
 * code, and the write is conditioned on the version read, so concurrent postings serialise;
 * a lost race or DynamoDB contention retries with jittered backoff, a bounded number of times.
 * The request's key is read before anything is decided, and again before any refusal (from the
 * plan, a movement or a side condition): a copy of the same request that committed meanwhile is
 * answered as a replay, never as its own refusal.
 */
export async function post(deps: LedgerDeps, req: PostingRequest): Promise<PostingResult | null> {
  const backoff = deps.backoff ?? defaultBackoff
  const hash = fingerprint(req.payload)
  for (let n = 0; ; n++) {
    try {
      return await attempt(deps, req, hash)
    } catch (err) {
      const retryable = err instanceof RetryPosting || isRetryableDynamoError(err)
      if (!retryable) throw err
      if (n + 1 >= backoff.attempts) {
        // The last lost race may have been lost to another copy of this request.
        const first = await readIdempotent(deps.table, req.key, hash)
        if (first) return { entry: first, replayed: true }
        logger.warn('ledger posting gave up after retries', { key: req.key, attempts: n + 1 })
        throw new DomainError('ledger.busy', '操作繁忙，请稍后重试', undefined, { cause: err })
      }
      await backoff.sleep(backoffDelay(backoff, n))
    }
  }
}
