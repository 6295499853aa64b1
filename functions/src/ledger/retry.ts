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
