import { QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb'
import type { CouponTemplate, CouponTemplateInput, CouponTemplatePatch } from '@siyu/shared/schemas/coupons'
import { conditionFailedAt, getItem, getItems, isConditionFailed, type Table } from '../lib/db'
import { DomainError } from '../lib/errors'
import type { Clock, IdSource } from '../lib/ids'
import { keys } from '../lib/keys'
import { logger } from '../lib/logger'
import { fingerprint } from '../lib/fingerprint'
import type { TransactItem } from '../ledger/post'
import { backoffDelay, defaultBackoff, isRetryableDynamoError, type Backoff } from '../lib/retry'
import { shardCount, splitStock, toTemplate, withOpenIndex, type TemplateItem } from './template-item'

export interface ShardItem {
  pk: string
  sk: string
  shard: number
  total: number
  taken: number
}

/** Who creates a template and under which client key (`client:{adminId}:{key}`, like every admin write). */
export interface CreateTemplateRequest {
  adminId: string
  idempotencyKey: string
}

export async function findTemplate(table: Table, id: string): Promise<TemplateItem | undefined> {
  return getItem<TemplateItem>(table, keys.couponTemplate(id))
}

export async function getTemplate(table: Table, id: string): Promise<TemplateItem> {
  const t = await findTemplate(table, id)
  if (!t) throw new DomainError('coupon.template_not_found', '优惠券不存在')
  return t
}

/** The template a key already created (as it is now), a 409 for another payload, or undefined. */
async function createdUnder(table: Table, key: string, hash: string): Promise<CouponTemplate | undefined> {
  const item = await getItem(table, keys.idempotency(key))
  if (!item) return undefined
  if (item.hash !== hash) throw new DomainError('idempotency.mismatch', '该请求编号已用于另一笔不同的操作', { key })
  return toTemplate(await getTemplate(table, item.templateId as string))
}

const putNew = (table: Table, item: Record<string, unknown>): TransactItem => ({ Put: { TableName: table.name, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } })

/**
 * The template, its stock shards and the client key in one transaction: a retry — even one
 * racing the first — answers with the first template and never adds stock; the same key with
 * another payload is `409 idempotency.mismatch`. Contention is retried, a bounded number of times.
 */
export async function createTemplate(deps: { table: Table; clock: Clock; ids: IdSource; backoff?: Backoff }, input: CouponTemplateInput, by: CreateTemplateRequest): Promise<CouponTemplate> {
  const key = `client:${by.adminId}:${by.idempotencyKey}`
  const hash = fingerprint({ op: 'createCouponTemplate', input })
  const backoff = deps.backoff ?? defaultBackoff
  for (let attempt = 1; ; attempt++) {
    const first = await createdUnder(deps.table, key, hash)
    if (first) return first
    const now = deps.clock().toISOString()
    const id = deps.ids('ct')
    const shards = shardCount(input.totalStock)
    const item = withOpenIndex({ ...input, ...(keys.couponTemplate(id) as { pk: string; sk: 'TEMPLATE' }), type: 'couponTemplate', id, shards, createdAt: now, updatedAt: now })
    const items: TransactItem[] = [
      putNew(deps.table, { ...keys.idempotency(key), type: 'idempotency', hash, adminId: by.adminId, templateId: id, createdAt: now }),
      putNew(deps.table, item),
      ...splitStock(input.totalStock, shards).map((total, shard) => putNew(deps.table, { ...keys.couponShard(id, shard), type: 'couponShard', templateId: id, shard, total, taken: 0 })),
    ]
    try {
      // TransactWriteItems takes 100 items; MAX_SHARDS keeps this far below.
      await deps.table.db.send(new TransactWriteCommand({ TransactItems: items }))
      return toTemplate(item)
    } catch (err) {
      // The key was taken meanwhile: the next turn answers with its template (or the mismatch).
      const raced = conditionFailedAt(err, 0)
      if ((!raced && !isRetryableDynamoError(err)) || attempt >= backoff.attempts) throw err
      if (!raced) await backoff.sleep(backoffDelay(backoff, attempt))
    }
  }
}

/**
 * Edits a template. Stock can only grow (issued coupons stay issued); the extra units are
 * spread over the shards in the same transaction, conditioned on the stock read. The
 * open-templates index entry is part of the item, so pausing or resuming moves it in the same write.
 */
export async function updateTemplate(deps: { table: Table; clock: Clock }, id: string, patch: CouponTemplatePatch): Promise<CouponTemplate> {
  const current = await getTemplate(deps.table, id)
  if (patch.totalStock !== undefined && patch.totalStock < current.totalStock) {
    throw new DomainError('coupon.stock_decrease', `库存只能增加（当前 ${current.totalStock}）`, { totalStock: current.totalStock })
  }
  const now = deps.clock().toISOString()
  const next = withOpenIndex({ ...current, ...patch, updatedAt: now })
  const extra = (patch.totalStock ?? current.totalStock) - current.totalStock
  if (extra > 0) delete next.soldOut
  const items: TransactItem[] = [
    { Put: { TableName: deps.table.name, Item: next, ConditionExpression: 'totalStock = :t', ExpressionAttributeValues: { ':t': current.totalStock } } },
    ...splitStock(extra, current.shards).flatMap((add, shard): TransactItem[] => add > 0
      ? [{ Update: { TableName: deps.table.name, Key: keys.couponShard(id, shard), UpdateExpression: 'ADD #total :add', ExpressionAttributeNames: { '#total': 'total' }, ExpressionAttributeValues: { ':add': add } } }]
      : []),
  ]
  try {
    await deps.table.db.send(new TransactWriteCommand({ TransactItems: items }))
  } catch (err) {
    if ((err as Error).name === 'TransactionCanceledException' || isConditionFailed(err)) {
      throw new DomainError('rules.version_conflict', '券模板已被修改，请刷新后重试')
    }
    throw err
  }
  return toTemplate(next)
}

/** The most templates the coupon center lists at once (the soonest-ending are kept; see README). */
export const MAX_OPEN_TEMPLATES = 100

/**
 * Templates on offer now, newest first: one query of the open-templates index from `now` on, so
 * ended, paused and gift templates are never read, however many were ever created. At most
 * MAX_OPEN_TEMPLATES (a warning is logged when there are more).
 */
export async function listOpenTemplates(table: Table, now: Date): Promise<TemplateItem[]> {
  const items: TemplateItem[] = []
  let start: Record<string, unknown> | undefined
  do {
    const page = await table.db.send(new QueryCommand({
      TableName: table.name, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk > :now',
      // `{endsAt}#{id}` > `{now}#~` exactly when endsAt > now: `~` sorts after every id character.
      ExpressionAttributeValues: { ':pk': keys.couponTemplatesOpen(), ':now': `${now.toISOString()}#~` },
      ExclusiveStartKey: start, Limit: MAX_OPEN_TEMPLATES + 1 - items.length,
    }))
    items.push(...((page.Items ?? []) as TemplateItem[]))
    start = page.LastEvaluatedKey
  } while (start && items.length <= MAX_OPEN_TEMPLATES)
  if (items.length > MAX_OPEN_TEMPLATES) logger.warn('coupon center capped: more templates on offer than it lists', { max: MAX_OPEN_TEMPLATES })
  const newestFirst = (a: TemplateItem, b: TemplateItem) => `${b.createdAt}#${b.id}`.localeCompare(`${a.createdAt}#${a.id}`)
  return items.slice(0, MAX_OPEN_TEMPLATES).sort(newestFirst)
}

/** The stock shards of templates. */
export async function readShards(table: Table, templates: Pick<TemplateItem, 'id' | 'shards'>[], consistent = false): Promise<Map<string, ShardItem[]>> {
  const wanted = templates.flatMap((t) => Array.from({ length: t.shards }, (_, i) => keys.couponShard(t.id, i)))
  const byTemplate = new Map<string, ShardItem[]>(templates.map((t) => [t.id, []]))
  for (const item of await getItems<ShardItem>(table, wanted, { consistent })) byTemplate.get(item.pk.slice('COUPONTPL#'.length))?.push(item)
  return byTemplate
}

export const remainingOf = (shards: ShardItem[]) => shards.reduce((n, s) => n + Math.max(0, s.total - s.taken), 0)
