import { QueryCommand } from '@aws-sdk/lib-dynamodb'
import { z } from 'zod'
import { StoredBenefit, StoredStores } from './coupon-template'
import { getItem, type Table } from '../lib/db'
import { keys } from '../lib/keys'
import type { OnConditionFailed, Part } from '../lib/transact'

const TillRecord = z.object({ orderId: z.string(), amountFen: z.number().int(), discountFen: z.number().int(), storeId: z.string().nullable(), staffId: z.string() })

/** A coupon's hold for one order at the till (until it lapses). */
export const CouponHold = TillRecord.extend({ until: z.string() })
export type CouponHold = z.infer<typeof CouponHold>
/** A coupon's redemption by one order. */
export const CouponRedemption = TillRecord.extend({ at: z.string() })
export type CouponRedemption = z.infer<typeof CouponRedemption>
/** The last order whose redemption was undone (void or refund), so a retry of it answers the same; its store when known. */
export const CouponUndone = z.object({ orderId: z.string(), at: z.string(), why: z.enum(['void', 'refund']), storeId: z.string().nullable().optional() })
export type CouponUndone = z.infer<typeof CouponUndone>

/** A coupon as stored (`COUPON#{code}` / `COUPON`), listed per member on gsi1 (`MEMBERCOUPONS#{member}` / `{claimedAt}#{code}`). */
export const CouponItem = z.object({
  pk: z.string(),
  sk: z.literal('COUPON'),
  gsi1pk: z.string(),
  gsi1sk: z.string(),
  type: z.literal('coupon'),
  code: z.string(),
  templateId: z.string(),
  memberId: z.string(),
  title: z.string(),
  benefit: StoredBenefit,
  stores: StoredStores,
  returnOnRefund: z.boolean(),
  /** Stored state; `held` with a lapsed hold reads as available, and anything past validTo as expired. */
  state: z.enum(['available', 'held', 'used']),
  validFrom: z.string(),
  validTo: z.string(),
  claimedAt: z.string(),
  /** How it was obtained: the claim or exchange key. */
  claimKey: z.string(),
  heldFor: CouponHold.optional(),
  redemption: CouponRedemption.optional(),
  undone: CouponUndone.optional(),
}).loose()
export type CouponItem = z.infer<typeof CouponItem>

/** The coupon of a code (consistent read); undefined when there is none. */
export async function findCouponItem(table: Table, code: string): Promise<CouponItem | undefined> {
  const raw = await getItem(table, keys.coupon(code))
  return raw ? CouponItem.parse(raw) : undefined
}

/** Where a wallet page stopped: the index key of its last coupon. */
export type WalletKey = Pick<CouponItem, 'pk' | 'sk' | 'gsi1pk' | 'gsi1sk'>
export const walletKeyOf = (c: CouponItem): WalletKey => ({ pk: c.pk, sk: c.sk, gsi1pk: c.gsi1pk, gsi1sk: c.gsi1sk })
/** The wallet key of a coupon known by its claim time and code (a cursor's position). */
export const walletKeyAt = (memberId: string, claimedAt: string, code: string): Record<string, unknown> => ({ ...keys.coupon(code), ...keys.couponsOfMember(memberId, claimedAt, code) })

/** One page of a member's coupons, newest first (gsi1 `MEMBERCOUPONS#{member}`), and where the query stopped. */
export async function queryMemberCoupons(table: Table, memberId: string, start: Record<string, unknown> | undefined, limit: number): Promise<{ items: CouponItem[]; next?: Record<string, unknown> }> {
  const page = await table.db.send(new QueryCommand({
    TableName: table.name, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.memberCouponsIndex(memberId) }, ScanIndexForward: false, ExclusiveStartKey: start, Limit: limit,
  }))
  return { items: (page.Items ?? []).map((raw) => CouponItem.parse(raw)), next: page.LastEvaluatedKey }
}

/** A newly issued coupon, `attribute_not_exists` (a code drawn twice: 'retry' draws another). */
export function couponPutNewPart(table: Table, coupon: CouponItem): Part<'coupon'> {
  return { name: 'coupon', item: { Put: { TableName: table.name, Item: coupon, ConditionExpression: 'attribute_not_exists(pk)' } }, onConditionFailed: () => 'retry' }
}

interface CouponUpdate {
  UpdateExpression: string
  ConditionExpression: string
  ExpressionAttributeNames: Record<string, string>
  ExpressionAttributeValues: Record<string, unknown>
}

const couponUpdatePart = <N extends string>(table: Table, code: string, name: N, update: CouponUpdate, onConditionFailed: OnConditionFailed): Part<N> => ({
  name, item: { Update: { TableName: table.name, Key: keys.coupon(code), ...update } }, onConditionFailed,
})

const retry: OnConditionFailed = () => 'retry'
const NAMES = { '#state': 'state', '#until': 'until' }

/**
 * Free for this order: available, or held by this order at this store, or held by a lapsed hold;
 * inside its validity. Hold and redeem are conditioned on it, so of two tills racing for one
 * coupon exactly one wins, and no store takes over another's hold.
 */
const FREE = '(#state = :available OR (#state = :held AND ((heldFor.orderId = :order AND heldFor.storeId = :store) OR heldFor.#until <= :now))) AND validTo > :now AND validFrom <= :now'
const freeValues = (orderId: string, storeId: string, now: string) => ({ ':available': 'available', ':held': 'held', ':order': orderId, ':store': storeId, ':now': now })

/** Holds the coupon for the order, from free (see FREE) at `now`. */
export function couponHoldPart(table: Table, code: string, hold: CouponHold & { storeId: string }, now: string, onTaken: OnConditionFailed = retry): Part<'coupon'> {
  return couponUpdatePart(table, code, 'coupon', {
    UpdateExpression: 'SET #state = :held, heldFor = :hold', ConditionExpression: FREE, ExpressionAttributeNames: NAMES,
    ExpressionAttributeValues: { ...freeValues(hold.orderId, hold.storeId, now), ':hold': hold },
  }, onTaken)
}

/** Hold and confirm at once: from free (see FREE) to used by the redemption's order. */
export function couponRedeemPart(table: Table, code: string, r: CouponRedemption & { storeId: string }, onTaken: OnConditionFailed = retry): Part<'coupon'> {
  return couponUpdatePart(table, code, 'coupon', {
    UpdateExpression: 'SET #state = :used, redemption = :r REMOVE heldFor', ConditionExpression: FREE, ExpressionAttributeNames: NAMES,
    ExpressionAttributeValues: { ...freeValues(r.orderId, r.storeId, r.at), ':used': 'used', ':r': r },
  }, onTaken)
}

/** From this store's unexpired hold for the order to used by it (a till confirm, or a purchase's). */
export function couponConfirmPart(table: Table, code: string, r: CouponRedemption & { storeId: string }, onNotHeld: OnConditionFailed = retry): Part<'coupon'> {
  return couponUpdatePart(table, code, 'coupon', {
    UpdateExpression: 'SET #state = :used, redemption = :r REMOVE heldFor',
    ConditionExpression: '#state = :held AND heldFor.orderId = :order AND heldFor.storeId = :store AND heldFor.#until > :now AND validTo > :now',
    ExpressionAttributeNames: NAMES,
    ExpressionAttributeValues: { ':used': 'used', ':held': 'held', ':order': r.orderId, ':store': r.storeId, ':now': r.at, ':r': r },
  }, onNotHeld)
}

/** Gives the coupon back from this store's hold for the order. */
export function couponReleasePart(table: Table, code: string, orderId: string, storeId: string, onNotHeld: OnConditionFailed = retry): Part<'coupon'> {
  return couponUpdatePart(table, code, 'coupon', {
    UpdateExpression: 'SET #state = :available REMOVE heldFor', ConditionExpression: '#state = :held AND heldFor.orderId = :order AND heldFor.storeId = :store',
    ExpressionAttributeNames: { '#state': 'state' }, ExpressionAttributeValues: { ':available': 'available', ':held': 'held', ':order': orderId, ':store': storeId },
  }, onNotHeld)
}

/**
 * Gives a used coupon back (void or refund of its order): used by that order. `only` adds the
 * till's own conditions: the redemption is the caller store's and not older than the void window.
 */
export function couponUndoPart<N extends string>(
  table: Table, code: string, name: N, undone: CouponUndone, only: { storeId?: string; notBefore?: string } = {}, onNotUsed: OnConditionFailed = retry,
): Part<N> {
  const conditions = ['#state = :used', 'redemption.orderId = :order']
  if (only.storeId) conditions.push('redemption.storeId = :store')
  if (only.notBefore) conditions.push('redemption.#at >= :earliest')
  return couponUpdatePart(table, code, name, {
    UpdateExpression: 'SET #state = :available, undone = :undone REMOVE redemption',
    ConditionExpression: conditions.join(' AND '),
    ExpressionAttributeNames: { '#state': 'state', ...(only.notBefore ? { '#at': 'at' } : {}) },
    ExpressionAttributeValues: {
      ':available': 'available', ':used': 'used', ':order': undone.orderId, ':undone': undone,
      ...(only.storeId ? { ':store': only.storeId } : {}), ...(only.notBefore ? { ':earliest': only.notBefore } : {}),
    },
  }, onNotUsed)
}
