import { z } from 'zod'
import { DomainError } from '../lib/errors'
import { getItem, getItems, type Table } from '../lib/db'
import { keys } from '../lib/keys'
import { updatePart, type Part } from '../lib/transact'

/** How many coupons of a template a member holds (`MEMBER#{id}` / `COUPONCOUNT#{tpl}`): the per-member limit guards it. */
export const CouponCountItem = z.object({
  type: z.literal('couponCount'),
  memberId: z.string(),
  templateId: z.string(),
  count: z.number().int().min(0),
}).loose()
export type CouponCountItem = z.infer<typeof CouponCountItem>

export const limitReached = (limit: number) => new DomainError('coupon.limit_reached', `每人限领 ${limit} 张，您已领满`, { limit })

/** The member's count of a template (consistent); 0 before the first. */
export async function couponCountOf(table: Table, memberId: string, templateId: string): Promise<number> {
  const raw = await getItem(table, keys.couponCount(memberId, templateId))
  return raw ? CouponCountItem.parse(raw).count : 0
}

/** The member's counts of several templates (eventually consistent BatchGet): template id → count, absent = 0. */
export async function couponCountsOf(table: Table, memberId: string, templateIds: string[]): Promise<Map<string, number>> {
  const items = (await getItems(table, templateIds.map((id) => keys.couponCount(memberId, id)))).map((raw) => CouponCountItem.parse(raw))
  return new Map(items.map((item) => [item.templateId, item.count]))
}

/** One more coupon of the template for the member, under the limit (else `coupon.limit_reached`). */
export function couponCountBumpPart(table: Table, memberId: string, templateId: string, limit: number): Part<'count'> {
  return updatePart('count', table, keys.couponCount(memberId, templateId), {
    UpdateExpression: 'SET #type = :type, memberId = :m, templateId = :t ADD #count :one',
    ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit',
    ExpressionAttributeNames: { '#type': 'type', '#count': 'count' },
    ExpressionAttributeValues: { ':type': 'couponCount', ':m': memberId, ':t': templateId, ':one': 1, ':limit': limit },
  }, () => limitReached(limit))
}
