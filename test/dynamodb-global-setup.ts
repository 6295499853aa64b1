process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'
import { startDynamoDbLocal } from '../scripts/lib/dynamodb-local'
import { freePort } from '../scripts/lib/processes'

/** One DynamoDB Local for the whole integration run; each test file creates its own table in it. */
export default async function setup(): Promise<void> {
  const ddb = await startDynamoDbLocal(await freePort(), { quiet: true })
  process.env.DYNAMODB_ENDPOINT = ddb.endpoint
  ;(globalThis as { __siyuDdb?: { stop(): Promise<void> } }).__siyuDdb = ddb
}
