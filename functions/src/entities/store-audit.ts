import { AuditEntry } from '@siyu/shared/schemas/staff'
import { QueryCommand } from '@aws-sdk/lib-dynamodb'
import { z } from 'zod'
import type { Table } from '../lib/db'
import { keys } from '../lib/keys'
import type { Part } from '../lib/transact'

/** What an audit entry records: who, where, what, for whom, how much, which request (a till action is one). */
export interface AuditSubject {
  /** With the action name, the entry's id (`{action}:{actionId}`). */
  actionId: string
  storeId: string
  staffId: string
  /** The Shanghai day whose trail it joins. */
  day: string
  at: string
  memberId: string | null
  orderId: string | null
  amountFen: number | null
  points: number | null
  requestId: string
  /** A reason given with the action (a manager's points adjustment), shown as is. */
  detail?: string | null
}

/** An entry of a store's immutable audit trail (`AUDIT#{storeId}#{day}` / `{at}#{id}`). */
export const StoreAuditItem = z
  .object({
    sk: z.string(),
    id: z.string(),
    at: z.string(),
    storeId: z.string(),
    staffId: z.string(),
    action: z.string(),
    memberId: z.string().nullish().transform((v) => v ?? null),
    orderId: z.string().nullish().transform((v) => v ?? null),
    amountFen: z.number().int().nullish().transform((v) => v ?? null),
    points: z.number().int().nullish().transform((v) => v ?? null),
    detail: z.string().nullish().transform((v) => v ?? null),
    requestId: z.string(),
  })
  .loose()
export type StoreAuditItem = z.infer<typeof StoreAuditItem>

/** The immutable audit entry of an action, once (`attribute_not_exists`): written exactly when the action is. */
export function storeAuditPutPart(table: Table, a: AuditSubject, action: string, at = a.at): Part<'audit'> {
  const id = `${action}:${a.actionId}`
  return {
    name: 'audit',
    item: {
      Put: {
        TableName: table.name,
        Item: {
          ...keys.storeAudit(a.storeId, a.day, at, id), type: 'audit', id, at, storeId: a.storeId, staffId: a.staffId, action,
          memberId: a.memberId, orderId: a.orderId, amountFen: a.amountFen, points: a.points, requestId: a.requestId,
          ...(a.detail ? { detail: a.detail } : {}),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  }
}

/** The API view of an entry (its table keys and type left out). */
export const toAuditEntry = (i: StoreAuditItem): z.infer<typeof AuditEntry> => AuditEntry.parse(i)

/**
 * One page of a store's audit trail of a day, newest first, below the sort key `before` if given;
 * `staffId` filters (a FilterExpression: a page may hold fewer than `limit`).
 */
export async function auditDayPage(
  table: Table, storeId: string, day: string,
  q: { before?: string; staffId?: string; limit: number; start?: Record<string, unknown> },
): Promise<{ items: StoreAuditItem[]; next: Record<string, unknown> | undefined }> {
  const page = await table.db.send(new QueryCommand({
    TableName: table.name,
    KeyConditionExpression: q.before ? 'pk = :pk AND sk < :cursor' : 'pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.storeAuditDay(storeId, day), ...(q.before ? { ':cursor': q.before } : {}), ...(q.staffId ? { ':staff': q.staffId } : {}) },
    ...(q.staffId ? { FilterExpression: 'staffId = :staff' } : {}),
    ScanIndexForward: false,
    Limit: q.limit,
    ExclusiveStartKey: q.start,
  }))
  return { items: (page.Items ?? []).map((i) => StoreAuditItem.parse(i)), next: page.LastEvaluatedKey }
}
