import { UpdateCommand } from '@aws-sdk/lib-dynamodb'
import { conditionally, type Table } from './db'
import { DomainError } from './errors'
import type { Clock } from './ids'
import { keys } from './keys'

/** At most `limit` actions in any burst, refilled evenly over `perSeconds` (a token bucket). */
export interface RateRule {
  limit: number
  perSeconds: number
}

/** How far apart two callers' clocks may be (Lambda hosts keep NTP time). */
const CLOCK_SKEW_MS = 5_000

export interface RateDeps {
  table: Table
  clock: Clock
}

/**
 * Takes one token from a bucket or refuses with `429 rate.limited`. GCRA (the token bucket as
 * one number): the bucket stores its "theoretical arrival time" TAT; an action at `now` is
 * allowed while TAT − now ≤ the burst tolerance, and moves TAT one interval on. Unlike a fixed
 * per-minute counter there is no window edge to burst across: a full bucket allows `limit` at
 * once, then one action per `perSeconds / limit`. Race-free with at most two conditional writes,
 * each deciding on the stored TAT itself; a refused attempt takes nothing, and an attempt that
 * later fails for another reason still counts.
 */
export async function takeToken(deps: RateDeps, bucket: string, rule: RateRule, message?: string): Promise<void> {
  const now = deps.clock().getTime()
  const interval = Math.ceil((rule.perSeconds * 1000) / rule.limit)
  const tolerance = interval * (rule.limit - 1)
  // TAT never runs more than `perSeconds` ahead: a minute after that the bucket is full again and can go.
  const ttl = Math.ceil((now + rule.perSeconds * 1000) / 1000) + 60
  const base = { TableName: deps.table.name, Key: keys.rateBucket(bucket) }
  // An idle (or new) bucket: TAT restarts from now. So does one last taken by a clock well ahead
  // of this one (`at`): only a job or a test replaying the past moves backwards like that, and
  // it must not be locked out by its own future.
  if (await conditional(deps, { ...base,
    UpdateExpression: 'SET tat = :next, #at = :now, #ttl = :ttl',
    ConditionExpression: 'attribute_not_exists(tat) OR tat <= :now OR #at > :behind',
    ExpressionAttributeNames: { '#ttl': 'ttl', '#at': 'at' },
    ExpressionAttributeValues: { ':next': now + interval, ':now': now, ':behind': now + CLOCK_SKEW_MS, ':ttl': ttl },
  })) return
  // A busy bucket with room left: TAT moves one interval on.
  if (await conditional(deps, { ...base,
    UpdateExpression: 'SET #at = :now, #ttl = :ttl ADD tat :interval',
    ConditionExpression: 'tat <= :latest',
    ExpressionAttributeNames: { '#ttl': 'ttl', '#at': 'at' },
    ExpressionAttributeValues: { ':interval': interval, ':latest': now + tolerance, ':now': now, ':ttl': ttl },
  })) return
  throw rateLimited(rule, message)
}

async function conditional(deps: RateDeps, input: ConstructorParameters<typeof UpdateCommand>[0]): Promise<boolean> {
  return conditionally(deps.table.db.send(new UpdateCommand(input)))
}

function rateLimited(rule: RateRule, message?: string): DomainError {
  const retryAfterSeconds = Math.max(1, Math.ceil(rule.perSeconds / rule.limit))
  return new DomainError('rate.limited', message ?? `操作过于频繁，请 ${retryAfterSeconds} 秒后再试`, { limit: rule.limit, perSeconds: rule.perSeconds, retryAfterSeconds })
}
