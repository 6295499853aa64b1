import type { DynamoDBStreamEvent } from 'aws-lambda'
import { getDeps, loadDeps } from '../../lib/deps'
import { logger } from '../../lib/logger'
import { changeOfRecord } from '../../lib/stream'
import { loadRules } from '../../program/rules-repo'
import { consumeChanges } from '../consume'

/** The table's stream consumer (DynamoDB Streams in AWS; serverless-offline-dynamodb-streams locally). */
export const handler = async (event: DynamoDBStreamEvent): Promise<void> => {
  const deps = await loadDeps()
  const report = await consumeChanges(deps, await loadRules(getDeps().table), event.Records.map(changeOfRecord))
  if (report.events) logger.info('stream batch', { records: event.Records.length, ...report })
}
