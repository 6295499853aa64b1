import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb'

export type Db = DynamoDBDocumentClient

/** The table and its client: what every data-access function takes. */
export interface Table {
  db: Db
  name: string
}

export function createDb(opts: { endpoint?: string; region: string }): Db {
  const client = new DynamoDBClient({
    region: opts.region,
    ...(opts.endpoint
      ? { endpoint: opts.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
  })
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } })
}

/** True when a TransactWriteItems was cancelled and the item at `index` failed its condition. */
export function conditionFailedAt(err: unknown, index: number): boolean {
  const reasons = (err as { CancellationReasons?: { Code?: string }[] })?.CancellationReasons
  return (err as Error)?.name === 'TransactionCanceledException' && reasons?.[index]?.Code === 'ConditionalCheckFailed'
}

export function isConditionFailed(err: unknown): boolean {
  return (err as Error)?.name === 'ConditionalCheckFailedException'
}

/** One item by key, read consistently: what a decision before a conditioned write is made from. */
export async function getItem<T = Record<string, unknown>>(table: Table, key: Record<string, string>): Promise<T | undefined> {
  const { Item } = await table.db.send(new GetCommand({ TableName: table.name, Key: key, ConsistentRead: true }))
  return Item as T | undefined
}
