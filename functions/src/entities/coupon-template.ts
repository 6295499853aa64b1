import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb'
import type { CouponTemplateInput } from '@siyu/shared/schemas/coupons'
import { z } from 'zod'
import { conditionally, getItem, getItems, type Table } from '../lib/db'
import { keys } from '../lib/keys'
import type { OnConditionFailed, Part } from '../lib/transact'

/*
 * The stored shapes of a template's parts: the API's variants without its input limits (the
 * limits are checked where input enters; a stored item is read as it was written).
 */
export const StoredBenefit = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('fixed'), amountOffFen: z.number().int() }),
  z.object({ kind: z.literal('percent'), percentOff: z.number().int(), capFen: z.number().int().optional() }),
  z.object({ kind: z.literal('threshold'), thresholdFen: z.number().int(), amountOffFen: z.number().int() }),
  z.object({ kind: z.literal('gift'), giftName: z.string() }),
])
export const StoredStores = z.union([z.literal('all'), z.array(z.string())])
const StoredValidity = z.discriminatedUnion('type', [
  z.object({ type: z.literal('window'), from: z.string(), to: z.string() }),
  z.object({ type: z.literal('days'), days: z.number().int() }),
])
const StoredChannel = z.discriminatedUnion('type', [
  z.object({ type: z.literal('public') }),
  z.object({ type: z.literal('points'), pricePoints: z.number().int() }),
  z.object({ type: z.enum(['tier_gift', 'referral_reward', 'campaign', 'birthday']) }),
])

/**
 * A coupon template (`COUPONTPL#{id}` / `TEMPLATE`): the operator's input, its shard count, the
 * sold-out hint and its entry in the open-templates index (gsi1 `COUPONTPLS#OPEN` / `{endsAt}#{id}`).
 */
export const TemplateItem = z.object({
  title: z.string(),
  description: z.string(),
  benefit: StoredBenefit,
  stores: StoredStores,
  validity: StoredValidity,
  totalStock: z.number().int(),
  perMemberLimit: z.number().int(),
  channel: StoredChannel,
  paused: z.boolean(),
  returnOnRefund: z.boolean(),
  pk: z.string(),
  sk: z.literal('TEMPLATE'),
  type: z.literal('couponTemplate'),
  id: z.string(),
  shards: z.number().int().min(1),
  /** Set only while every shard is full (conditioned on the stock it was read at); cleared when stock is raised. */
  soldOut: z.boolean().optional(),
  /** The open-templates index entry (see `openIndexOf`); absent while not on offer. */
  gsi1pk: z.string().optional(),
  gsi1sk: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Set when an operator ended it: off the open index, and its shards refuse every claim. */
  endedAt: z.string().optional(),
}).loose()
export type TemplateItem = z.infer<typeof TemplateItem>

/** The index position of a template that never ends (a days-validity): after every dated one. */
export const NEVER_ENDS = '9999-12-31T23:59:59.999Z'

/**
 * A template's entry in the open-templates index: only templates members claim or exchange
 * (public, points) that are not paused, sorted by the instant claiming ends (normalised ISO, so
 * it compares as a string with `now`). Written with the template itself, so it never drifts.
 */
export function openIndexOf(t: Pick<TemplateItem, 'id' | 'channel' | 'paused' | 'validity' | 'endedAt'>): { gsi1pk: string; gsi1sk: string } | Record<string, never> {
  if ((t.channel.type !== 'public' && t.channel.type !== 'points') || t.paused || t.endedAt) return {}
  const endsAt = t.validity.type === 'window' ? new Date(t.validity.to).toISOString() : NEVER_ENDS
  return keys.couponTemplateOpen(endsAt, t.id)
}

/** The template with its index entry recomputed (after an edit that may pause or resume it). */
export function withOpenIndex(t: TemplateItem): TemplateItem {
  const bare: TemplateItem = { ...t }
  delete bare.gsi1pk
  delete bare.gsi1sk
  return { ...bare, ...openIndexOf(bare) }
}

/** A new template as stored, with its index entry. */
export function newTemplateItem(input: CouponTemplateInput, id: string, shards: number, at: string): TemplateItem {
  return withOpenIndex(TemplateItem.parse({ ...input, ...keys.couponTemplate(id), type: 'couponTemplate', id, shards, createdAt: at, updatedAt: at }))
}

/** The template (consistent read); undefined when there is none. */
export async function findTemplateItem(table: Table, id: string): Promise<TemplateItem | undefined> {
  const raw = await getItem(table, keys.couponTemplate(id))
  return raw ? TemplateItem.parse(raw) : undefined
}

/** A new template, `attribute_not_exists` (an id drawn twice: 'retry' draws another). */
export function templatePutNewPart(table: Table, t: TemplateItem): Part<'template'> {
  return { name: 'template', item: { Put: { TableName: table.name, Item: t, ConditionExpression: 'attribute_not_exists(pk)' } }, onConditionFailed: () => 'retry' }
}

/** The edited template as a whole, conditioned on the stock it was decided from and on not being ended meanwhile. */
export function templateReplacePart(table: Table, next: TemplateItem, readStock: number, onChanged: OnConditionFailed): Part<'template'> {
  return {
    name: 'template',
    item: { Put: { TableName: table.name, Item: next, ConditionExpression: 'totalStock = :t AND attribute_not_exists(endedAt)', ExpressionAttributeValues: { ':t': readStock } } },
    onConditionFailed: onChanged,
  }
}

/**
 * The sold-out hint, written only if the template's stock is still the stock a consistent read
 * found all taken (a raise clears the hint with the new stock in one transaction). False when the
 * stock changed meanwhile.
 */
export async function markTemplateSoldOut(table: Table, id: string, seenStock: number): Promise<boolean> {
  return conditionally(table.db.send(new UpdateCommand({
    TableName: table.name, Key: keys.couponTemplate(id), UpdateExpression: 'SET soldOut = :t',
    ConditionExpression: 'totalStock = :seen', ExpressionAttributeValues: { ':t': true, ':seen': seenStock },
  })))
}

/**
 * Templates in the open-templates index still claimable at `now`, soonest-ending first, at most
 * `max + 1` (so the caller can tell there were more). Ended ones are never read.
 */
export async function queryOpenTemplates(table: Table, now: Date, max: number): Promise<TemplateItem[]> {
  const items: TemplateItem[] = []
  let start: Record<string, unknown> | undefined
  do {
    const page = await table.db.send(new QueryCommand({
      TableName: table.name, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk > :now',
      ExpressionAttributeValues: { ':pk': keys.couponTemplatesOpen(), ':now': keys.couponTemplatesOpenAfter(now.toISOString()) },
      ExclusiveStartKey: start, Limit: max + 1 - items.length,
    }))
    items.push(...(page.Items ?? []).map((raw) => TemplateItem.parse(raw)))
    start = page.LastEvaluatedKey
  } while (start && items.length <= max)
  return items
}

/** Ends a template: `endedAt` set and its open-index entry removed, once (`attribute_not_exists(endedAt)`; else 'retry', read again). */
export function templateEndPart(table: Table, id: string, at: string): Part<'template'> {
  return {
    name: 'template',
    item: {
      Update: {
        TableName: table.name, Key: keys.couponTemplate(id), UpdateExpression: 'SET endedAt = :at, updatedAt = :at REMOVE gsi1pk, gsi1sk',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(endedAt)', ExpressionAttributeValues: { ':at': at },
      },
    },
    onConditionFailed: () => 'retry',
  }
}

/** The template's entry in the list of every template (`COUPONTPLS` / `{createdAt}#{id}`), new with the template. */
export function templateListingPutPart(table: Table, t: Pick<TemplateItem, 'id' | 'createdAt'>): Part<'listing'> {
  const item = { ...keys.couponTemplateListing(t.createdAt, t.id), type: 'couponTemplateListing', templateId: t.id, createdAt: t.createdAt }
  return { name: 'listing', item: { Put: { TableName: table.name, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } }, onConditionFailed: () => 'retry' }
}

const ListingItem = z.object({ sk: z.string(), templateId: z.string() }).loose()

/** A page of every template's listing entry, newest first, after the sort key `after` (exclusive). */
export async function templateListingPage(table: Table, limit: number, after?: string): Promise<{ entries: { sk: string; templateId: string }[]; more: boolean }> {
  const pk = keys.couponTemplateListings()
  const page = await table.db.send(new QueryCommand({
    TableName: table.name, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk },
    ScanIndexForward: false, Limit: limit, ...(after ? { ExclusiveStartKey: { pk, sk: after } } : {}),
  }))
  return { entries: (page.Items ?? []).map((raw) => ListingItem.parse(raw)), more: page.LastEvaluatedKey !== undefined }
}

/** Templates by id (one BatchGet per 100; absent ones left out). */
export async function templatesByIds(table: Table, ids: readonly string[]): Promise<Map<string, TemplateItem>> {
  const items = await getItems(table, ids.map((id) => keys.couponTemplate(id)))
  return new Map(items.map((raw) => TemplateItem.parse(raw)).map((t) => [t.id, t]))
}
