import { TillAction } from '@siyu/shared/schemas/staff'
import { z } from 'zod'
import { getItem, type Table } from '../lib/db'
import { DomainError } from '../lib/errors'
import { keys } from '../lib/keys'
import { updatePart, type OnConditionFailed, type Part } from '../lib/transact'

/**
 * A till action's fields, as recorded: what void, the audit and a retry refer to — the API's shape
 * without `replayed` (an answer's, not the record's), its time read as stored, and what only the
 * record keeps: the Shanghai day (managers may void any action of their store that day) and the request.
 */
export const TillActionFields = TillAction.omit({ replayed: true }).extend({ at: z.string(), day: z.string(), requestId: z.string() })
export type TillActionFields = z.infer<typeof TillActionFields>

/** A till action as stored (`ACTION#{id}` / `ACTION`; a voided one also has `voidedBy`, `voidedAt`). */
export const TillActionItem = TillActionFields.extend({ type: z.literal('tillAction') }).loose()
export type TillActionItem = z.infer<typeof TillActionItem>

export async function findTillAction(table: Table, actionId: string): Promise<TillActionItem | undefined> {
  const raw = await getItem(table, keys.tillAction(actionId))
  return raw ? TillActionItem.parse(raw) : undefined
}

export const toTillAction = (a: TillActionFields, replayed: boolean): TillAction => ({
  actionId: a.actionId, kind: a.kind, storeId: a.storeId, staffId: a.staffId, memberId: a.memberId, orderId: a.orderId,
  refundId: a.refundId, amountFen: a.amountFen, points: a.points, discountFen: a.discountFen, couponCode: a.couponCode,
  at: a.at, voided: a.voided, replayed,
})

/** Records a new action; its id taken means the business id (order, refund) is in use: `taken` says how to refuse. */
export function tillActionPutNewPart(table: Table, a: TillActionFields, taken: OnConditionFailed): Part<'action'> {
  return {
    name: 'action',
    item: { Put: { TableName: table.name, Item: { ...keys.tillAction(a.actionId), type: 'tillAction', ...a }, ConditionExpression: 'attribute_not_exists(pk)' } },
    onConditionFailed: taken,
  }
}

/** Marks the action voided, once: voided meanwhile (a copy of the void) is `till.order_voided`. */
export function tillActionVoidPart(table: Table, actionId: string, staffId: string, at: string): Part<'actionVoided'> {
  return updatePart('actionVoided', table, keys.tillAction(actionId), {
    UpdateExpression: 'SET voided = :true, voidedBy = :staff, voidedAt = :at',
    ConditionExpression: 'voided = :false',
    ExpressionAttributeValues: { ':true': true, ':false': false, ':staff': staffId, ':at': at },
  }, () => new DomainError('till.order_voided', '该操作已撤销'))
}
