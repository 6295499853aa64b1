import { QueryCommand } from '@aws-sdk/lib-dynamodb'
import { z } from 'zod'
import { getItem, type Table } from '../lib/db'
import { keys } from '../lib/keys'
import { updatePart, type Part } from '../lib/transact'

/**
 * A referrer's counters, each moved in the same transaction as the referral write it counts:
 * binds per Shanghai day and month (`REFCOUNT#{period}`, the caps), invites by status (`REFSTATS`)
 * and the rewards still inside their return window (`REFDUE#{dueAt}#{invitee}`, TTL a day after).
 */
const RefCountItem = z.object({ count: z.number() }).loose()

/** The binds counted in a period; undefined before the period's first. */
export async function readRefCount(table: Table, referrerId: string, period: string): Promise<number | undefined> {
  const raw = await getItem(table, keys.refCount(referrerId, period))
  return raw ? RefCountItem.parse(raw).count : undefined
}

/** Adds one to a cap counter, conditioned on the count read (so two binds cannot both take the last place: 'retry', count again). */
export function refCountPart<N extends string>(table: Table, name: N, referrerId: string, period: string, read: number | undefined): Part<N> {
  return {
    name,
    item: {
      Update: {
        TableName: table.name, Key: keys.refCount(referrerId, period),
        UpdateExpression: 'SET #type = :type ADD #count :one',
        ConditionExpression: read === undefined ? 'attribute_not_exists(#count)' : '#count = :read',
        ExpressionAttributeNames: { '#type': 'type', '#count': 'count' },
        ExpressionAttributeValues: { ':type': 'refCount', ':one': 1, ...(read === undefined ? {} : { ':read': read }) },
      },
    },
    onConditionFailed: () => 'retry',
  }
}

/**
 * `joined`, `rewarding` and `clawedBack` count rewardable invites (within the caps); `unrewarded`
 * the ones bound over a cap; `rejected` the refusal rows of the inviter's list; `qualified` every
 * qualified invite not clawed back (the milestones' count). Absent counters are 0.
 */
const count = z.number().default(0)
export const RefStats = z.object({
  joined: count,
  unrewarded: count,
  /** Qualified and not clawed back: pending inside the return window, or rewarded after it. */
  rewarding: count,
  clawedBack: count,
  rejected: count,
  qualified: count,
})
export type RefStats = z.infer<typeof RefStats>
export type StatsDelta = Partial<RefStats>

/** The referrer's counters (all 0 before the first referral write). */
export async function readRefStats(table: Table, referrerId: string): Promise<RefStats> {
  return RefStats.parse((await getItem(table, keys.refStats(referrerId))) ?? {})
}

/** `ADD` of the given deltas to the referrer's counters (the item is created by its first write). */
export function refStatsPart(table: Table, referrerId: string, delta: StatsDelta): Part<'stats'> {
  const fields = Object.entries(delta).flatMap(([f, n]) => (n ? [[f, n] as const] : []))
  return updatePart('stats', table, keys.refStats(referrerId), {
    UpdateExpression: `SET #type = :type${fields.length ? ` ADD ${fields.map(([f]) => `#${f} :${f}`).join(', ')}` : ''}`,
    ExpressionAttributeNames: { '#type': 'type', ...Object.fromEntries(fields.map(([f]) => [`#${f}`, f])) },
    ExpressionAttributeValues: { ':type': 'refStats', ...Object.fromEntries(fields.map(([f, n]) => [`:${f}`, n])) },
  })
}

/** A rewarded qualification, kept until its reward leaves the return window (and a day more, by TTL). */
export const refDuePutPart = (table: Table, referrerId: string, dueAt: string, inviteeId: string): Part<'due'> => ({
  name: 'due',
  item: { Put: { TableName: table.name, Item: { ...keys.refDue(referrerId, dueAt, inviteeId), type: 'refDue', inviteeId, ttl: Math.ceil(new Date(dueAt).getTime() / 1000) + 86_400 } } },
})

export const refDueDeletePart = (table: Table, referrerId: string, dueAt: string, inviteeId: string): Part<'due'> => ({
  name: 'due', item: { Delete: { TableName: table.name, Key: keys.refDue(referrerId, dueAt, inviteeId) } },
})

/**
 * How many of the referrer's `REFDUE#{dueAt}` items are due after `now` (consistent `Select COUNT`).
 * A reward due exactly now counts as released: `#~` sorts after every invitee id.
 */
export async function countRefDueAfter(table: Table, referrerId: string, now: Date): Promise<number> {
  let total = 0
  let start: Record<string, unknown> | undefined
  do {
    const page = await table.db.send(new QueryCommand({
      TableName: table.name,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': keys.member(referrerId).pk, ':from': `${keys.refDuePrefix()}${now.toISOString()}#~`, ':to': `${keys.refDuePrefix()}~` },
      Select: 'COUNT', ConsistentRead: true, ExclusiveStartKey: start,
    }))
    total += page.Count ?? 0
    start = page.LastEvaluatedKey
  } while (start)
  return total
}
