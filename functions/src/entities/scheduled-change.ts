import { QueryCommand } from '@aws-sdk/lib-dynamodb'
import { RuleChange } from '@siyu/shared/schemas/console'
import { z } from 'zod'
import { getItem, type Table } from '../lib/db'
import { DomainError } from '../lib/errors'
import { keys } from '../lib/keys'
import { updatePart, type Part } from '../lib/transact'

export const ChangeStatus = z.enum(['scheduled', 'applied', 'cancelled', 'failed'])

/**
 * A rule change scheduled for a Shanghai date (`PROGRAM` / `SCHEDULED#{id}`): whole sections of
 * the rules document, validated when scheduled and merged onto the rules current when it applies.
 * While scheduled it carries the index entry gsi1 `RULECHANGES` / `{effectiveOn}#{id}`.
 */
export const ScheduledChangeItem = z
  .object({
    id: z.string(),
    status: ChangeStatus,
    effectiveOn: z.string(),
    notice: z.string(),
    /** The sections it replaces, as parsed when it was scheduled. */
    sections: z.record(z.string(), z.unknown()),
    /** What it changes against the rules current when it was scheduled. */
    changes: z.array(RuleChange),
    baseVersion: z.number().int(),
    createdAt: z.string(),
    createdBy: z.string(),
    appliedVersion: z.number().int().nullish().transform((v) => v ?? null),
    appliedAt: z.string().nullish().transform((v) => v ?? null),
    cancelledAt: z.string().nullish().transform((v) => v ?? null),
    cancelledBy: z.string().nullish().transform((v) => v ?? null),
    failure: z.string().nullish().transform((v) => v ?? null),
    failedAt: z.string().nullish().transform((v) => v ?? null),
  })
  .loose()
export type ScheduledChangeItem = z.infer<typeof ScheduledChangeItem>

export async function findScheduledChange(table: Table, id: string): Promise<ScheduledChangeItem | undefined> {
  const raw = await getItem(table, keys.scheduledChange(id))
  return raw ? ScheduledChangeItem.parse(raw) : undefined
}

/** The new change with its index entry, once (`attribute_not_exists`; ids are unique, so a failure is a lost race: 'retry'). */
export function scheduledChangePutNewPart(table: Table, c: ScheduledChangeItem): Part<'change'> {
  const item = { ...keys.scheduledChange(c.id), ...keys.scheduledChangeDue(c.effectiveOn, c.id), type: 'scheduledChange', ...c }
  return { name: 'change', item: { Put: { TableName: table.name, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } } }
}

/** The date's hold: one scheduled change per effective date (`rules.change_date_taken` when another holds it). */
export function changeDateHoldPart(table: Table, effectiveOn: string, id: string): Part<'dateHold'> {
  return {
    name: 'dateHold',
    item: { Put: { TableName: table.name, Item: { ...keys.scheduledChangeDate(effectiveOn), type: 'scheduledChangeDate', changeId: id }, ConditionExpression: 'attribute_not_exists(pk)' } },
    onConditionFailed: () => new DomainError('rules.change_date_taken', `${effectiveOn} 已有一项待生效的规则变更：请先取消它，或选择其他日期`, { effectiveOn }),
  }
}

/** The date's hold released with its change (only that change ever holds it while scheduled). */
export const changeDateReleasePart = (table: Table, effectiveOn: string): Part<'dateHold'> => ({
  name: 'dateHold', item: { Delete: { TableName: table.name, Key: keys.scheduledChangeDate(effectiveOn) } },
})

export type ChangeOutcome =
  | { status: 'applied'; appliedVersion: number; at: string }
  | { status: 'cancelled'; by: string; at: string }
  | { status: 'failed'; failure: string; at: string }

/**
 * The change leaves `scheduled` (applied, cancelled or failed) and its index entry, conditioned on
 * still being scheduled: of an apply and a cancel racing, exactly one wins (the loser 'retry's and reads it).
 */
export function closeChangePart(table: Table, id: string, o: ChangeOutcome): Part<'change'> {
  const set = o.status === 'applied' ? { appliedVersion: o.appliedVersion, appliedAt: o.at } : o.status === 'cancelled' ? { cancelledBy: o.by, cancelledAt: o.at } : { failure: o.failure, failedAt: o.at }
  const names = Object.keys(set)
  return updatePart('change', table, keys.scheduledChange(id), {
    UpdateExpression: `SET #status = :status, ${names.map((n) => `${n} = :${n}`).join(', ')} REMOVE gsi1pk, gsi1sk`,
    ConditionExpression: '#status = :scheduled',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':status': o.status, ':scheduled': 'scheduled', ...Object.fromEntries(Object.entries(set).map(([k, v]) => [`:${k}`, v])) },
  })
}

/** The most recently scheduled changes, newest first (ids are time-ordered), at most `limit`. */
export async function recentChanges(table: Table, limit: number): Promise<ScheduledChangeItem[]> {
  const res = await table.db.send(new QueryCommand({
    TableName: table.name,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': keys.scheduledChange('').pk, ':prefix': keys.scheduledChangePrefix() },
    ScanIndexForward: false, Limit: limit, ConsistentRead: true,
  }))
  return (res.Items ?? []).map((i) => ScheduledChangeItem.parse(i))
}

/**
 * Every change still scheduled, soonest first, optionally only those due on or before a date:
 * the sparse index holds nothing else, so this stays small however many changes ever were.
 */
export async function pendingChanges(table: Table, dueBy?: string): Promise<ScheduledChangeItem[]> {
  const found: ScheduledChangeItem[] = []
  let start: Record<string, unknown> | undefined
  do {
    const page = await table.db.send(new QueryCommand({
      TableName: table.name, IndexName: 'gsi1',
      KeyConditionExpression: dueBy ? 'gsi1pk = :pk AND gsi1sk <= :due' : 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.scheduledChangesIndex(), ...(dueBy ? { ':due': keys.scheduledChangesDueBy(dueBy) } : {}) },
      ExclusiveStartKey: start,
    }))
    found.push(...(page.Items ?? []).map((i) => ScheduledChangeItem.parse(i)))
    start = page.LastEvaluatedKey
  } while (start)
  return found
}
