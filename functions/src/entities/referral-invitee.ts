import { QueryCommand } from '@aws-sdk/lib-dynamodb'
import { RejectionReason } from '@siyu/shared/schemas/referrals'
import { z } from 'zod'
import type { Table } from '../lib/db'
import { keys } from '../lib/keys'
import type { Part } from '../lib/transact'

/**
 * A row of a referrer's invitee list (`MEMBER#{referrer}` / `INVITEE#{at}#{invitee}`), in binding
 * order: a bind, or the first refusal of that invitee (`rejected`).
 */
export const InviteeRow = z.object({
  sk: z.string(),
  referrerId: z.string(),
  inviteeId: z.string(),
  boundAt: z.string(),
  rejected: RejectionReason.optional(),
}).loose()
export type InviteeRow = z.infer<typeof InviteeRow>

export const INVITEE_ROWS = keys.referrerInviteePrefix()

/** The row of a bind or of a first refusal (at `at`). */
export const inviteeRowPart = (table: Table, row: { referrerId: string; inviteeId: string; at: string; rejected?: RejectionReason }): Part<'row'> => ({
  name: 'row',
  item: {
    Put: {
      TableName: table.name,
      Item: {
        ...keys.referrerInvitee(row.referrerId, row.at, row.inviteeId), type: 'invitee', referrerId: row.referrerId, inviteeId: row.inviteeId, boundAt: row.at,
        ...(row.rejected ? { rejected: row.rejected } : {}),
      },
    },
  },
})

/** Up to `limit + 1` of the referrer's rows, newest first, after the row whose sort key is `after`. */
export async function inviteeRowsPage(table: Table, referrerId: string, after: string | undefined, limit: number): Promise<InviteeRow[]> {
  const page = await table.db.send(new QueryCommand({
    TableName: table.name,
    // BETWEEN keeps the query inside the INVITEE# rows; it is inclusive, so the cursor's own row is dropped below.
    KeyConditionExpression: after ? 'pk = :pk AND sk BETWEEN :lo AND :cursor' : 'pk = :pk AND begins_with(sk, :lo)',
    ExpressionAttributeValues: { ':pk': keys.member(referrerId).pk, ':lo': INVITEE_ROWS, ...(after ? { ':cursor': after } : {}) },
    ScanIndexForward: false, Limit: limit + 2,
  }))
  return (page.Items ?? []).map((i) => InviteeRow.parse(i)).filter((i) => i.sk !== after)
}
