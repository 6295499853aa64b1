import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb'
import { DomainEvent } from '@siyu/shared/schemas/events'
import { conditionally, type Table } from '../lib/db'
import { keys } from '../lib/keys'

/** How long the log keeps an event: the 12-month RFM window and a month's margin. */
export const EVENT_RETENTION_DAYS = 400
const DAY_S = 86_400

/** An event is kept as `MEMBER#{id}` / `EVENT#{at}#{id}` (gsi1 `EVENTS#{day}` / `{at}#{id}`), with a TTL. */
const itemOf = (e: DomainEvent) => ({
  ...keys.memberEvent(e.memberId, e.day, e.at, e.id),
  type: 'event', eventId: e.id, kind: e.kind, memberId: e.memberId, storeId: e.storeId, at: e.at, day: e.day, data: e.data,
  ttl: Math.floor(new Date(e.at).getTime() / 1000) + EVENT_RETENTION_DAYS * DAY_S,
})

const eventOf = (raw: Record<string, unknown>): DomainEvent =>
  DomainEvent.parse({ id: raw.eventId, kind: raw.kind, memberId: raw.memberId, storeId: raw.storeId, at: raw.at, day: raw.day, data: raw.data })

/** Keeps the event once; false when it was kept before (a redelivered record). */
export async function keepEvent(table: Table, e: DomainEvent): Promise<boolean> {
  return conditionally(table.db.send(new PutCommand({ TableName: table.name, Item: itemOf(e), ConditionExpression: 'attribute_not_exists(pk)' })))
}

/** A page of a member's events, newest first; `after` is the sort key the previous page ended at. */
export async function memberEventsPage(table: Table, memberId: string, limit: number, after?: string): Promise<{ events: DomainEvent[]; last?: string }> {
  const pk = keys.memberPartition(memberId)
  const res = await table.db.send(new QueryCommand({
    TableName: table.name,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': pk, ':prefix': keys.memberEventPrefix() },
    ScanIndexForward: false, Limit: limit, ...(after ? { ExclusiveStartKey: { pk, sk: after } } : {}),
  }))
  return { events: (res.Items ?? []).map(eventOf), last: res.LastEvaluatedKey ? String(res.LastEvaluatedKey.sk) : undefined }
}

/** Every event of a Shanghai day, in time order (page by page). */
export async function* dayEvents(table: Table, day: string): AsyncGenerator<DomainEvent> {
  let start: Record<string, unknown> | undefined
  do {
    const page = await table.db.send(new QueryCommand({
      TableName: table.name, IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': keys.eventsOfDay(day) }, ExclusiveStartKey: start,
    }))
    for (const raw of page.Items ?? []) yield eventOf(raw)
    start = page.LastEvaluatedKey
  } while (start)
}
