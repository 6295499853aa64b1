import type { DynamoDBStreamEvent } from 'aws-lambda'
import { startStreamPoller, type StreamPoller } from '../scripts/lib/stream-poller'
import { handler } from '../functions/src/events/handlers/stream'
import type { ProgramRules } from '@siyu/shared/rules/program-rules'
import { findStoredRules } from '../functions/src/entities/program-rules'
import { getDeps } from '../functions/src/lib/deps'
import { saveRules } from '../functions/src/program/rules-repo'
import type { TestEnv } from './integration'

export interface StreamConsumer {
  /** Resolves once the consumer has handled everything committed before the call (and what that wrote). A consumer failure rejects it. */
  settled(): Promise<void>
}

/** The test file's consumer (test files run in their own module registry). */
let poller: StreamPoller | undefined

/**
 * Holds the consumer back while `writes` run, then lets it catch up: what they commit reaches it
 * together, afterwards, as behind a lagging consumer (or from shards handled in another order).
 */
export async function behindTheConsumer<T>(writes: () => Promise<T>): Promise<T> {
  if (!poller) throw new Error('the test file runs no stream consumer (useStreamConsumer)')
  await poller.pause()
  try {
    return await writes()
  } finally {
    poller.resume()
    await poller.settled()
  }
}

/** Waits for the consumer when the test file runs one (the till helpers call it after each action). */
export async function settleStream(): Promise<void> {
  await poller?.settled()
}

/**
 * Runs the real stream consumer (`consumeTableStream`'s handler) on the test file's table stream in
 * DynamoDB Local, as Lambda would: records arrive from the stream, not from the test. Call after
 * `useIntegrationEnv({ stream: true })` (only such tables have a stream: in DynamoDB Local every
 * stream slows every later write of the run).
 */
export function useStreamConsumer(env: TestEnv): StreamConsumer {
  beforeAll(async () => {
    if (!env.stream) throw new Error('the stream consumer needs the table’s stream: useIntegrationEnv({ stream: true })')
    poller = await startStreamPoller({
      endpoint: process.env.DYNAMODB_ENDPOINT!,
      tableName: env.tableName,
      deliver: (records) => handler({ Records: records } as DynamoDBStreamEvent),
    })
  })
  afterAll(async () => {
    await poller?.stop()
    poller = undefined
  })
  return {
    settled: () => {
      if (!poller) throw new Error('the stream consumer starts in beforeAll')
      return poller.settled()
    },
  }
}

/**
 * Publishes `rules` as the program's current rules (a version after the stored one), so the stream
 * consumer — which reads the stored rules, as in production — decides with the rules the test's
 * till context was given.
 */
export async function publishRules(rules: ProgramRules): Promise<void> {
  const { table } = getDeps()
  const stored = await findStoredRules(table)
  if (stored && JSON.stringify({ ...stored, version: 0 }) === JSON.stringify({ ...rules, version: 0 })) return
  await saveRules(table, { ...rules, version: (stored?.version ?? 0) + 1 }, new Date())
}

/** Publishes `rules` when the test file runs the consumer (which reads the stored rules); otherwise nothing is written. */
export async function publishRulesForConsumer(rules: ProgramRules): Promise<void> {
  if (poller) await publishRules(rules)
}
