import { QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb'
import type { CouponTemplate, CouponTemplateInput, CouponTemplatePatch } from '@siyu/shared/schemas/coupons'
import { getItem, getItems, isConditionFailed, type Table } from '../lib/db'
import { DomainError } from '../lib/errors'
import type { Clock, IdSource } from '../lib/ids'
import { keys } from '../lib/keys'
import type { TransactItem } from '../ledger/post'
import { shardCount, splitStock, toTemplate, type TemplateItem } from './template-item'

export interface ShardItem {
  pk: string
  sk: string
  shard: number
  total: number
  taken: number
}

export async function findTemplate(table: Table, id: string): Promise<TemplateItem | undefined> {
  return getItem<TemplateItem>(table, keys.couponTemplate(id))
}

export async function getTemplate(table: Table, id: string): Promise<TemplateItem> {
  const t = await findTemplate(table, id)
  if (!t) throw new DomainError('coupon.template_not_found', '优惠券不存在')
  return t
}

/** The template and its stock shards in one transaction. */
export async function createTemplate(deps: { table: Table; clock: Clock; ids: IdSource }, input: CouponTemplateInput): Promise<CouponTemplate> {
  const now = deps.clock().toISOString()
  const id = deps.ids('ct')
  const shards = shardCount(input.totalStock)
  const item: TemplateItem = { ...input, ...(keys.couponTemplate(id) as { pk: string; sk: 'TEMPLATE' }), ...keys.couponTemplatesList(now, id), type: 'couponTemplate', id, shards, createdAt: now, updatedAt: now }
  const stock = splitStock(input.totalStock, shards)
  const items: TransactItem[] = [
    { Put: { TableName: deps.table.name, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } },
    ...stock.map((total, shard): TransactItem => ({
      Put: { TableName: deps.table.name, Item: { ...keys.couponShard(id, shard), type: 'couponShard', templateId: id, shard, total, taken: 0 }, ConditionExpression: 'attribute_not_exists(pk)' },
    })),
  ]
  // TransactWriteItems takes 100 items; MAX_SHARDS keeps this far below.
  await deps.table.db.send(new TransactWriteCommand({ TransactItems: items }))
  return toTemplate(item)
}

/**
 * Edits a template. Stock can only grow (issued coupons stay issued); the extra units are
 * spread over the shards in the same transaction, conditioned on the stock read.
 */
export async function updateTemplate(deps: { table: Table; clock: Clock }, id: string, patch: CouponTemplatePatch): Promise<CouponTemplate> {
  const current = await getTemplate(deps.table, id)
  if (patch.totalStock !== undefined && patch.totalStock < current.totalStock) {
    throw new DomainError('coupon.stock_decrease', `库存只能增加（当前 ${current.totalStock}）`, { totalStock: current.totalStock })
  }
  const now = deps.clock().toISOString()
  const next: TemplateItem = { ...current, ...patch, updatedAt: now }
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

export async function listTemplates(table: Table): Promise<TemplateItem[]> {
  const items: TemplateItem[] = []
  let start: Record<string, unknown> | undefined
  do {
    const page = await table.db.send(new QueryCommand({
      TableName: table.name, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': 'COUPONTPLS' }, ScanIndexForward: false, ExclusiveStartKey: start,
    }))
    items.push(...((page.Items ?? []) as TemplateItem[]))
    start = page.LastEvaluatedKey
  } while (start)
  return items
}

/** The stock shards of templates. */
export async function readShards(table: Table, templates: Pick<TemplateItem, 'id' | 'shards'>[], consistent = false): Promise<Map<string, ShardItem[]>> {
  const wanted = templates.flatMap((t) => Array.from({ length: t.shards }, (_, i) => keys.couponShard(t.id, i)))
  const byTemplate = new Map<string, ShardItem[]>(templates.map((t) => [t.id, []]))
  for (const item of await getItems<ShardItem>(table, wanted, { consistent })) byTemplate.get(item.pk.slice('COUPONTPL#'.length))?.push(item)
  return byTemplate
}

export const remainingOf = (shards: ShardItem[]) => shards.reduce((n, s) => n + Math.max(0, s.total - s.taken), 0)
