import type { DynamoDBStreamEvent } from 'aws-lambda'
import { startStreamPoller, type StreamPoller } from '../scripts/lib/stream-poller'
import { handler } from '../functions/src/events/handlers/stream'
import type { TestEnv } from './integration'

export interface StreamConsumer {
  /** Resolves once the consumer has handled everything committed before the call (and what that wrote). A consumer failure rejects it. */
  settled(): Promise<void>
}

/**
 * Runs the real stream consumer (`consumeTableStream`'s handler) on the test file's table stream in
 * DynamoDB Local, as Lambda would: records arrive from the stream, not from the test. Call after
 * `useIntegrationEnv()`.
 */
export function useStreamConsumer(env: TestEnv): StreamConsumer {
  let poller: StreamPoller | undefined
  beforeAll(async () => {
    poller = await startStreamPoller({
      endpoint: process.env.DYNAMODB_ENDPOINT!,
      tableName: env.tableName,
      deliver: (records) => handler({ Records: records } as DynamoDBStreamEvent),
    })
  })
  afterAll(async () => {
    await poller?.stop()
  })
  return {
    settled: () => {
      if (!poller) throw new Error('the stream consumer starts in beforeAll')
      return poller.settled()
    },
  }
}
