import { z } from 'zod'
import { getItems, type Table } from '../lib/db'
import { keys } from '../lib/keys'
import { updatePart, type Part } from '../lib/transact'

/** One of a template's stock shards (`COUPONTPL#{id}` / `SHARD#{i:03}`): `taken < total` guards each claim. */
export const ShardItem = z.object({
  pk: z.string(),
  sk: z.string(),
  type: z.literal('couponShard'),
  templateId: z.string(),
  shard: z.number().int().min(0),
  total: z.number().int().min(0),
  taken: z.number().int().min(0),
  /** The template's end: the shard refuses every further take. */
  endedAt: z.string().optional(),
}).loose()
export type ShardItem = z.infer<typeof ShardItem>

/** A new shard with its share of the stock, none taken (`attribute_not_exists`). */
export function shardPutNewPart(table: Table, templateId: string, shard: number, total: number): Part<`shard:${number}`> {
  return {
    name: `shard:${shard}`,
    item: { Put: { TableName: table.name, Item: { ...keys.couponShard(templateId, shard), type: 'couponShard', templateId, shard, total, taken: 0 }, ConditionExpression: 'attribute_not_exists(pk)' } },
    onConditionFailed: () => 'retry',
  }
}

/** Raises a shard's stock (a template's stock only grows). */
export function shardAddStockPart(table: Table, templateId: string, shard: number, add: number): Part<`shard:${number}`> {
  return {
    name: `shard:${shard}`,
    item: { Update: { TableName: table.name, Key: keys.couponShard(templateId, shard), UpdateExpression: 'ADD #total :add', ExpressionAttributeNames: { '#total': 'total' }, ExpressionAttributeValues: { ':add': add } } },
  }
}

/** Marks a shard ended (with its template's end, in one transaction). */
export function shardEndPart(table: Table, templateId: string, shard: number, at: string): Part<`shard:${number}`> {
  return updatePart(`shard:${shard}`, table, keys.couponShard(templateId, shard), {
    UpdateExpression: 'SET endedAt = :at', ConditionExpression: 'attribute_exists(pk)', ExpressionAttributeValues: { ':at': at },
  })
}

/**
 * Takes one unit of a shard, `taken < total`, unless the template was ended (the end marks every
 * shard, so a claim racing it fails here, inside its transaction, without a hot check of the
 * template item). A failure is 'retry' by default: the claim tries another shard (`onFull` can
 * note which one), and once none is left a consistent read tells full from ended.
 */
export function shardTakePart(table: Table, templateId: string, shard: number, onFull: () => 'retry' = () => 'retry'): Part<'shard'> {
  return updatePart('shard', table, keys.couponShard(templateId, shard), {
    UpdateExpression: 'SET taken = taken + :one', ConditionExpression: 'taken < #total AND attribute_not_exists(endedAt)',
    ExpressionAttributeNames: { '#total': 'total' }, ExpressionAttributeValues: { ':one': 1 },
  }, onFull)
}

/** The stock shards of templates, by template id (BatchGet; consistent when deciding on "sold out"). */
export async function readShards(table: Table, templates: { id: string; shards: number }[], consistent = false): Promise<Map<string, ShardItem[]>> {
  const wanted = templates.flatMap((t) => Array.from({ length: t.shards }, (_, i) => keys.couponShard(t.id, i)))
  const byTemplate = new Map<string, ShardItem[]>(templates.map((t) => [t.id, []]))
  for (const raw of await getItems(table, wanted, { consistent })) {
    const shard = ShardItem.parse(raw)
    byTemplate.get(shard.templateId)?.push(shard)
  }
  return byTemplate
}

/** Units left over the shards. */
export const remainingOf = (shards: ShardItem[]) => shards.reduce((n, s) => n + Math.max(0, s.total - s.taken), 0)
