import { DeleteCommand } from '@aws-sdk/lib-dynamodb'
import { z } from 'zod'
import { isConditionFailed, type Table } from '../lib/db'
import { keys } from '../lib/keys'
import type { Part } from '../lib/transact'

/**
 * A provisional upgrade's confirmation entry (`MEMBER#{id}` / `TIERUP#{id:08}`), indexed by when
 * its return window closes (gsi1 `TIERCONFIRM` / `{until}#{memberId}#{id}`).
 */
export const TierConfirmItem = z.object({ memberId: z.string(), id: z.number().int(), until: z.string() }).loose()
export type TierConfirmItem = z.infer<typeof TierConfirmItem>

/** Parses an entry read from the confirmation index. */
export const parseTierConfirm = (raw: unknown): TierConfirmItem => TierConfirmItem.parse(raw)

/** The entry of an upgrade (re)written with its window's end; unconditioned (the tier's own part guards the change). */
export function tierConfirmPutPart(table: Table, memberId: string, p: { id: number; until: string }): Part<`confirm:${number}`> {
  return {
    name: `confirm:${p.id}`,
    item: { Put: { TableName: table.name, Item: { ...keys.tierConfirm(memberId, p.id, p.until), type: 'tierConfirm', memberId, id: p.id, until: p.until } } },
  }
}

/** Removes an undone upgrade's entry, in the undo's transaction. */
export function tierConfirmDeletePart(table: Table, memberId: string, id: number): Part<`confirm:${number}`> {
  return { name: `confirm:${id}`, item: { Delete: { TableName: table.name, Key: keys.tierConfirmItem(memberId, id) } } }
}

/** Removes a confirmed upgrade's entry unless a reversal moved its window past `now` meanwhile. */
export async function dropTierConfirmIfDue(table: Table, memberId: string, id: number, now: string): Promise<void> {
  try {
    await table.db.send(new DeleteCommand({
      TableName: table.name, Key: keys.tierConfirmItem(memberId, id),
      ConditionExpression: '#until <= :now', ExpressionAttributeNames: { '#until': 'until' }, ExpressionAttributeValues: { ':now': now },
    }))
  } catch (err) {
    if (!isConditionFailed(err)) throw err
  }
}
