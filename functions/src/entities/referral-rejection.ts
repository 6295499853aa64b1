import { QueryCommand } from '@aws-sdk/lib-dynamodb'
import { RejectionReason } from '@siyu/shared/schemas/referrals'
import { z } from 'zod'
import type { Table } from '../lib/db'
import { keys } from '../lib/keys'
import type { Part } from '../lib/transact'

/** A refused bind as recorded. */
export interface RefusalRecord {
  inviteeId: string
  referrerId: string
  inviteCode: string
  reason: RejectionReason
  at: string
}

/**
 * The marker of an (inviter, refused invitee) pair (`MEMBER#{referrer}` / `REFUSED#{invitee}`):
 * the first refusal puts it (a failure: refused before — count a repeat instead).
 */
export const refusalMarkerPutNewPart = (table: Table, r: RefusalRecord): Part<'marker'> => ({
  name: 'marker',
  item: { Put: { TableName: table.name, Item: { ...keys.refRefused(r.referrerId, r.inviteeId), type: 'refRefused', ...r, firstAt: r.at, repeats: 0 }, ConditionExpression: 'attribute_not_exists(pk)' } },
})

/** A repeat refusal of the pair, counted on its marker. */
export const refusalMarkerRepeatPart = (table: Table, r: RefusalRecord): Part<'marker'> => ({
  name: 'marker',
  item: {
    Update: {
      TableName: table.name, Key: keys.refRefused(r.referrerId, r.inviteeId),
      UpdateExpression: 'SET lastAt = :at, lastReason = :reason ADD repeats :one', ExpressionAttributeValues: { ':at': r.at, ':reason': r.reason, ':one': 1 },
    },
  },
})

/** Every refusal, for operators (`REFREJECT#{invitee}` / `{at}`; gsi1 `REFERRALS#rejected` / `{at}#{invitee}`). */
export const rejectionLogPart = (table: Table, r: RefusalRecord): Part<'log'> => ({
  name: 'log', item: { Put: { TableName: table.name, Item: { ...keys.refRejection(r.inviteeId, r.at), type: 'refRejection', ...r } } },
})

export const RejectionItem = z.object({
  gsi1sk: z.string(), at: z.string(), inviteeId: z.string(), referrerId: z.string(), inviteCode: z.string(), reason: RejectionReason,
}).loose()
export type RejectionItem = z.infer<typeof RejectionItem>

/** Up to `limit + 1` refusals, newest first, before the index sort key `before`. */
export async function rejectionsPage(table: Table, before: string | undefined, limit: number): Promise<RejectionItem[]> {
  const res = await table.db.send(new QueryCommand({
    TableName: table.name, IndexName: 'gsi1',
    KeyConditionExpression: before ? 'gsi1pk = :pk AND gsi1sk < :cursor' : 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.refRejectionsIndex(), ...(before ? { ':cursor': before } : {}) },
    ScanIndexForward: false, Limit: limit + 1,
  }))
  return (res.Items ?? []).map((i) => RejectionItem.parse(i))
}
