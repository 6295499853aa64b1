import { createHash } from 'node:crypto'
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb'
import { DeadLetter, type DomainEvent, type ReactionName } from '@siyu/shared/schemas/events'
import { deleteItem, getItem, type Table } from '../lib/db'
import { keys } from '../lib/keys'

/** A dead letter's id: the same event and reaction always make the same letter. */
export const deadLetterId = (eventId: string, reaction: string) => createHash('sha256').update(`${eventId}\n${reaction}`).digest('hex').slice(0, 16)

/** A stored letter without its keys (the schema strips them). */
const letterOf = (raw: Record<string, unknown>): DeadLetter => DeadLetter.parse(raw)

export async function findDeadLetter(table: Table, id: string): Promise<DeadLetter | undefined> {
  const raw = await getItem(table, keys.deadLetterItem(id))
  return raw ? letterOf(raw) : undefined
}

/**
 * Records (or records again) that `reaction` kept failing for `event`: one letter per pair, its
 * attempts adding up over deliveries and replays (in the write itself, so concurrent failures
 * count each), listed by its latest failure.
 */
export async function putDeadLetter(table: Table, f: { event: DomainEvent; reaction: ReactionName; error: string; attempts: number; at: Date }): Promise<DeadLetter> {
  const id = deadLetterId(f.event.id, f.reaction)
  const at = f.at.toISOString()
  const { gsi1pk, gsi1sk } = keys.deadLetter(id, at)
  const { Attributes } = await table.db.send(new UpdateCommand({
    TableName: table.name, Key: keys.deadLetterItem(id),
    UpdateExpression: 'SET #type = :type, id = :id, reaction = :reaction, event = :event, #error = :error, failedAt = :at, '
      + 'firstFailedAt = if_not_exists(firstFailedAt, :at), gsi1pk = :gpk, gsi1sk = :gsk ADD attempts :attempts',
    ExpressionAttributeNames: { '#type': 'type', '#error': 'error' },
    ExpressionAttributeValues: {
      ':type': 'deadLetter', ':id': id, ':reaction': f.reaction, ':event': f.event, ':error': f.error.slice(0, 1000), ':at': at, ':gpk': gsi1pk, ':gsk': gsi1sk, ':attempts': f.attempts,
    },
    ReturnValues: 'ALL_NEW',
  }))
  return letterOf(Attributes ?? {})
}

/** A page of dead letters, newest failure first; `before` is the index sort key the previous page ended at. */
export async function deadLettersPage(table: Table, limit: number, before?: string): Promise<{ letters: DeadLetter[]; last?: string }> {
  const res = await table.db.send(new QueryCommand({
    TableName: table.name, IndexName: 'gsi1',
    KeyConditionExpression: before ? 'gsi1pk = :pk AND gsi1sk < :before' : 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.deadLettersIndex(), ...(before ? { ':before': before } : {}) },
    ScanIndexForward: false, Limit: limit + 1,
  }))
  const items = res.Items ?? []
  const shown = items.slice(0, limit)
  return { letters: shown.map(letterOf), last: items.length > limit ? String(shown[shown.length - 1].gsi1sk) : undefined }
}

export const deleteDeadLetter = (table: Table, id: string) => deleteItem(table, keys.deadLetterItem(id))
