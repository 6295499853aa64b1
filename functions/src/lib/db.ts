import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { BatchGetCommand, DeleteCommand, DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb'

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

export function isConditionFailed(err: unknown): boolean {
  return (err as Error)?.name === 'ConditionalCheckFailedException'
}

/** A conditioned single-item write: true when it wrote, false when its condition did not hold (nothing written). */
export async function conditionally(write: Promise<unknown>): Promise<boolean> {
  try {
    await write
    return true
  } catch (err) {
    if (isConditionFailed(err)) return false
    throw err
  }
}

/** One item by key, read consistently (what a decision before a conditioned write is made from), as stored: entity modules parse it. */
export async function getItem(table: Table, key: Record<string, string>): Promise<Record<string, unknown> | undefined> {
  const { Item } = await table.db.send(new GetCommand({ TableName: table.name, Key: key, ConsistentRead: true }))
  return Item
}

/** Many items by key: one BatchGet per 100 keys, asking again for any DynamoDB left unprocessed. Missing items are left out. */
export async function getItems(table: Table, keyList: Record<string, string>[], opts: { consistent?: boolean } = {}): Promise<Record<string, unknown>[]> {
  const found: Record<string, unknown>[] = []
  for (let i = 0; i < keyList.length; i += 100) {
    let request: Record<string, unknown>[] | undefined = keyList.slice(i, i + 100)
    while (request?.length) {
      const res = await table.db.send(new BatchGetCommand({ RequestItems: { [table.name]: { Keys: request, ConsistentRead: opts.consistent ?? false } } }))
      found.push(...(res.Responses?.[table.name] ?? []))
      request = res.UnprocessedKeys?.[table.name]?.Keys as Record<string, unknown>[] | undefined
    }
  }
  return found
}

/** Every item of one gsi1 partition (optionally up to a sort key, inclusive), page by page. */
export async function* queryIndex(deps: { table: Table }, gsi1pk: string, below?: string) {
  const { table } = deps
  let start: Record<string, unknown> | undefined
  do {
    const page = await table.db.send(
      new QueryCommand({
        TableName: table.name,
        IndexName: 'gsi1',
        KeyConditionExpression: below ? 'gsi1pk = :pk AND gsi1sk <= :below' : 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': gsi1pk, ...(below ? { ':below': below } : {}) },
        ExclusiveStartKey: start,
      }),
    )
    yield* page.Items ?? []
    start = page.LastEvaluatedKey
  } while (start)
}

/** Every item of a partition whose sort key begins with `prefix`, in order, page by page, consistently. */
export async function* queryPrefix(table: Table, pk: string, prefix: string): AsyncGenerator<Record<string, unknown>> {
  let start: Record<string, unknown> | undefined
  do {
    const page = await table.db.send(
      new QueryCommand({
        TableName: table.name,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    )
    yield* page.Items ?? []
    start = page.LastEvaluatedKey
  } while (start)
}

/** Deletes one item by key (unconditionally). */
export async function deleteItem(table: Table, key: Record<string, string>): Promise<void> {
  await table.db.send(new DeleteCommand({ TableName: table.name, Key: key }))
}
