import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb'
import { DomainEvent } from '@siyu/shared/schemas/events'
import { conditionally, type Table } from '../lib/db'
import { keys } from '../lib/keys'
import { TransactionRaced, transact, type Part } from '../lib/transact'

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

/**
 * Keeps the event once, with the counters it adds (`counters`: unconditioned parts, e.g.
 * `brand-stats.ts` `brandStatsParts`) in the same transaction: false when it was kept before (a
 * redelivered record) — then nothing is added either, so no figure counts an event twice. A
 * transaction lost to contention on a counter throws `TransactionRaced` (for the retry policy).
 */
export async function keepEvent(table: Table, e: DomainEvent, counters: readonly Part[] = []): Promise<boolean> {
  const put = { TableName: table.name, Item: itemOf(e), ConditionExpression: 'attribute_not_exists(pk)' }
  if (!counters.length) return conditionally(table.db.send(new PutCommand(put)))
  const failed = await transact(table, [{ name: 'event', item: { Put: put } }, ...counters])
  if (!failed) return true
  if (failed.has('event')) return false
  throw new TransactionRaced(failed)
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
