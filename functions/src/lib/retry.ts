import { TransactionRaced } from './transact'

/** Failures worth another attempt: DynamoDB contention and throttling, not refusals. */
const RETRYABLE_ERRORS = new Set([
  'TransactionConflictException',
  'TransactionInProgressException',
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'InternalServerError',
])

export function isRetryableDynamoError(err: unknown): boolean {
  const e = err as { name?: string; CancellationReasons?: { Code?: string }[] }
  if (RETRYABLE_ERRORS.has(e?.name ?? '')) return true
  // A cancelled transaction whose only problems are conflicts/throttling (no failed condition).
  return (
    e?.name === 'TransactionCanceledException' &&
    (e.CancellationReasons ?? []).some((r) => r.Code === 'TransactionConflict' || r.Code === 'ThrottlingError' || r.Code === 'ProvisionedThroughputExceeded') &&
    !(e.CancellationReasons ?? []).some((r) => r.Code === 'ConditionalCheckFailed')
  )
}

export interface Backoff {
  /** Attempts in all, including the first. */
  attempts: number
  baseMs: number
  capMs: number
  sleep: (ms: number) => Promise<void>
  random: () => number
}

export const defaultBackoff: Backoff = {
  attempts: 40,
  baseMs: 4,
  capMs: 200,
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
  random: Math.random,
}

/** "Full jitter" exponential backoff: a random wait up to base·2^attempt, capped. */
export const backoffDelay = (b: Backoff, attempt: number) => Math.floor(b.random() * Math.min(b.capMs, b.baseMs * 2 ** attempt))

/** A race or contention worth another attempt: DynamoDB's own, or a transaction a 'retry' part lost. */
export const isRetryable = (err: unknown) => err instanceof TransactionRaced || isRetryableDynamoError(err)

/**
 * The one retry policy: runs `attempt` until it returns, retrying races and contention with
 * jittered backoff, at most `backoff.attempts` times in all. After the last lost race `onGiveUp`
 * decides (e.g. a copy of the same request may have won it); by default the last error is thrown.
 */
export async function withRetry<T>(
  attempt: (n: number) => Promise<T>,
  opts: {
    backoff?: Backoff
    retryable?: (err: unknown) => boolean
    /** Retryable failures to try again at once, without waiting (another shard, not contention); they still count. */
    immediate?: (err: unknown) => boolean
    onGiveUp?: (err: unknown, attempts: number) => Promise<T>
  } = {},
): Promise<T> {
  const backoff = opts.backoff ?? defaultBackoff
  const retryable = opts.retryable ?? isRetryable
  for (let n = 0; ; n++) {
    try {
      return await attempt(n)
    } catch (err) {
      if (!retryable(err)) throw err
      if (n + 1 >= backoff.attempts) {
        if (opts.onGiveUp) return opts.onGiveUp(err, n + 1)
        throw err
      }
      if (!opts.immediate?.(err)) await backoff.sleep(backoffDelay(backoff, n))
    }
  }
}
