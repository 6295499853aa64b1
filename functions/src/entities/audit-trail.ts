import { QueryCommand } from '@aws-sdk/lib-dynamodb'
import { z } from 'zod'
import type { Table } from '../lib/db'
import { keys } from '../lib/keys'

/**
 * Reading the two audit trails together for the console: the brand's (`AUDIT#{day}`, operators'
 * actions: adjustments by an admin, rule changes, templates, stores, staff rights) and each
 * store's (`AUDIT#{storeId}#{day}`, till and coupon actions, a manager's adjustments). Both sort
 * by `{at}#{id}`, so one sort key orders entries of every partition of a day.
 */
export type Trail = { kind: 'brand'; day: string } | { kind: 'store'; storeId: string; day: string }

/** An entry of either trail as stored (brand entries name their operator `actorId`, store entries `staffId`). */
export const AuditTrailItem = z
  .object({
    sk: z.string(),
    at: z.string(),
    action: z.string(),
    id: z.string().optional(),
    auditId: z.string().optional(),
    staffId: z.string().optional(),
    actorId: z.string().optional(),
    storeId: z.string().nullish().transform((v) => v ?? null),
    memberId: z.string().nullish().transform((v) => v ?? null),
    orderId: z.string().nullish().transform((v) => v ?? null),
    amountFen: z.number().int().nullish().transform((v) => v ?? null),
    points: z.number().int().nullish().transform((v) => v ?? null),
    detail: z.string().nullish().transform((v) => v ?? null),
    /** The adjustment audit's reason (written before `detail` existed). */
    reason: z.string().nullish().transform((v) => v ?? null),
    /** A role removal's role. */
    role: z.string().nullish().transform((v) => v ?? null),
  })
  .loose()
export type AuditTrailItem = z.infer<typeof AuditTrailItem>

/** What a console reader narrows by; each is a FilterExpression (a page read may hold fewer matches). */
export interface AuditFilter {
  /** The operator: `staffId` on store entries, `actorId` on brand entries. */
  operatorId?: string
  memberId?: string
  /** Brand entries about one store. */
  storeId?: string
  /** Actions named exactly, or starting with one of the prefixes (either matches). */
  actions?: { exact: string[]; prefixes: string[] }
}

function filterOf(trail: Trail, f: AuditFilter) {
  const terms: string[] = []
  const values: Record<string, string> = {}
  const equals = (attribute: string, name: string, value: string) => {
    terms.push(`${attribute} = ${name}`)
    values[name] = value
  }
  if (f.operatorId) equals(trail.kind === 'brand' ? 'actorId' : 'staffId', ':op', f.operatorId)
  if (f.memberId) equals('memberId', ':member', f.memberId)
  if (f.storeId && trail.kind === 'brand') equals('storeId', ':store', f.storeId)
  if (f.actions) {
    const exact = f.actions.exact.map((a, i) => ((values[`:a${i}`] = a), `#action = :a${i}`))
    const prefixes = f.actions.prefixes.map((p, i) => ((values[`:p${i}`] = p), `begins_with(#action, :p${i})`))
    terms.push(`(${[...exact, ...prefixes].join(' OR ')})`)
  }
  if (!terms.length) return undefined
  return { FilterExpression: terms.join(' AND '), values, ...(f.actions ? { ExpressionAttributeNames: { '#action': 'action' } } : {}) }
}

/**
 * Up to `want` matching entries of one trail's day, newest first, below the sort key `before` if
 * given; `reads` counts the Query calls it took (a filter may need several pages).
 */
export async function auditTrailTop(table: Table, trail: Trail, f: AuditFilter, before: string | undefined, want: number): Promise<{ items: AuditTrailItem[]; reads: number }> {
  const pk = trail.kind === 'brand' ? keys.brandAuditDay(trail.day) : keys.storeAuditDay(trail.storeId, trail.day)
  const filter = filterOf(trail, f)
  const items: AuditTrailItem[] = []
  let start: Record<string, unknown> | undefined
  let reads = 0
  do {
    const page = await table.db.send(new QueryCommand({
      TableName: table.name,
      KeyConditionExpression: before ? 'pk = :pk AND sk < :before' : 'pk = :pk',
      ExpressionAttributeValues: { ':pk': pk, ...(before ? { ':before': before } : {}), ...filter?.values },
      ...(filter ? { FilterExpression: filter.FilterExpression, ...(filter.ExpressionAttributeNames ? { ExpressionAttributeNames: filter.ExpressionAttributeNames } : {}) } : {}),
      ScanIndexForward: false,
      Limit: filter ? Math.max(100, want) : want,
      ExclusiveStartKey: start,
    }))
    reads++
    items.push(...(page.Items ?? []).map((i) => AuditTrailItem.parse(i)))
    start = page.LastEvaluatedKey
  } while (items.length < want && start)
  return { items: items.slice(0, want), reads }
}
