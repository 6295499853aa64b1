import { PutCommand } from '@aws-sdk/lib-dynamodb'
import { getItem, type Table } from '../lib/db'
import { keys } from '../lib/keys'

/** Long enough for any redelivery of a stream record (the stream keeps records 24 hours) and a replay. */
const HANDLED_TTL_DAYS = 30

/** Whether `reaction` already ran for the event (consistent read). */
export async function wasHandled(table: Table, eventId: string, reaction: string): Promise<boolean> {
  return (await getItem(table, keys.eventHandled(eventId, reaction))) !== undefined
}

/** Records that `reaction` ran for the event; writing it twice is harmless. */
export async function markHandled(table: Table, eventId: string, reaction: string, at: Date): Promise<void> {
  await table.db.send(new PutCommand({
    TableName: table.name,
    Item: { ...keys.eventHandled(eventId, reaction), type: 'eventHandled', eventId, reaction, at: at.toISOString(), ttl: Math.floor(at.getTime() / 1000) + HANDLED_TTL_DAYS * 86_400 },
  }))
}
