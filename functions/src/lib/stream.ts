import type { AttributeValue } from '@aws-sdk/client-dynamodb'
import { unmarshall } from '@aws-sdk/util-dynamodb'
import type { DynamoDBRecord } from 'aws-lambda'

/** A stream record's change with plain images (DynamoDB's attribute values turned into JS values). */
export interface StreamChange {
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE'
  newImage?: Record<string, unknown>
  oldImage?: Record<string, unknown>
  recordedAt?: string
}

const image = (raw: unknown) => (raw ? unmarshall(raw as Record<string, AttributeValue>) : undefined)

/** Lambda gives the record's time in epoch seconds; the streams API (the test poller) as a Date. */
function recordedAt(t: unknown): string | undefined {
  if (t instanceof Date) return t.toISOString()
  if (typeof t === 'number') return new Date(t * 1000).toISOString()
  return undefined
}

export function changeOfRecord(r: DynamoDBRecord): StreamChange {
  if (r.eventName !== 'INSERT' && r.eventName !== 'MODIFY' && r.eventName !== 'REMOVE') throw new Error(`unknown stream event ${String(r.eventName)}`)
  return {
    eventName: r.eventName,
    newImage: image(r.dynamodb?.NewImage),
    oldImage: image(r.dynamodb?.OldImage),
    recordedAt: recordedAt(r.dynamodb?.ApproximateCreationDateTime),
  }
}
