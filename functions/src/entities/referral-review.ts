import { QueryCommand } from '@aws-sdk/lib-dynamodb'
import { z } from 'zod'
import type { Table } from '../lib/db'
import { keys } from '../lib/keys'
import type { Part } from '../lib/transact'

/** Referrals an operator reviews besides refused binds: bound unrewarded over a cap, rewards clawed back. */
export const ReviewKind = z.enum(['capped', 'clawed_back'])
export type ReviewKind = z.infer<typeof ReviewKind>

export interface ReviewRecord {
  kind: ReviewKind
  inviteeId: string
  referrerId: string
  /** capped: `cap_day` / `cap_month`; clawed_back: `refund` / `void` (what undid the qualifying purchase). */
  reason: string
  /** Points taken back (clawed_back), else null. */
  points: number | null
  at: string
}

/**
 * The review entry (`MEMBER#{invitee}` / `REFREVIEW#{kind}`; gsi1 `REFERRALS#{kind}` / `{at}#{invitee}`),
 * written in the transaction that made the referral so: a bind and a clawback each happen once per
 * invitee, so a failure is a lost race ('retry').
 */
export function referralReviewPutPart(table: Table, r: ReviewRecord): Part<'review'> {
  return {
    name: 'review',
    item: { Put: { TableName: table.name, Item: { ...keys.refReview(r.kind, r.inviteeId, r.at), type: 'refReview', ...r }, ConditionExpression: 'attribute_not_exists(pk)' } },
  }
}

export const ReviewItem = z
  .object({ gsi1sk: z.string(), kind: ReviewKind, inviteeId: z.string(), referrerId: z.string(), reason: z.string(), points: z.number().int().nullable(), at: z.string() })
  .loose()
export type ReviewItem = z.infer<typeof ReviewItem>

/** Up to `limit + 1` entries of a kind, newest first, before the index sort key `before`. */
export async function reviewPage(table: Table, kind: ReviewKind, before: string | undefined, limit: number): Promise<ReviewItem[]> {
  const res = await table.db.send(new QueryCommand({
    TableName: table.name, IndexName: 'gsi1',
    KeyConditionExpression: before ? 'gsi1pk = :pk AND gsi1sk < :cursor' : 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.refReviewIndex(kind), ...(before ? { ':cursor': before } : {}) },
    ScanIndexForward: false, Limit: limit + 1,
  }))
  return (res.Items ?? []).map((i) => ReviewItem.parse(i))
}
