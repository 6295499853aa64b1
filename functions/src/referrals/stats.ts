import { QueryCommand } from '@aws-sdk/lib-dynamodb'
import type { MyInvite } from '@siyu/shared/schemas/referrals'
import { getItem, type Table } from '../lib/db'
import { keys } from '../lib/keys'
import type { TransactItem } from '../ledger/post'

/**
 * A referrer's counters (`MEMBER#{id}` / `REFSTATS`), each moved in the same transaction as the
 * referral write it counts, so the 邀请 tab reads one item instead of every invitee.
 * `joined`, `rewarding` and `clawedBack` count rewardable invites (within the caps);
 * `unrewarded` the ones bound over a cap; `rejected` the refusal rows of the inviter's list;
 * `qualified` every qualified invite not clawed back (the milestones' count).
 */
export interface RefStats {
  joined: number
  unrewarded: number
  /** Qualified and not clawed back: pending inside the return window, or rewarded after it. */
  rewarding: number
  clawedBack: number
  rejected: number
  qualified: number
}

export type StatsDelta = Partial<RefStats>

/** `ADD` of the given deltas to the referrer's counters (the item is created by its first write). */
export function statsUpdate(table: Table, referrerId: string, delta: StatsDelta): TransactItem {
  const fields = Object.entries(delta).filter(([, n]) => n !== 0 && n !== undefined) as [keyof RefStats, number][]
  return {
    Update: {
      TableName: table.name,
      Key: keys.refStats(referrerId),
      UpdateExpression: `SET #type = :type${fields.length ? ` ADD ${fields.map(([f]) => `#${f} :${f}`).join(', ')}` : ''}`,
      ExpressionAttributeNames: { '#type': 'type', ...Object.fromEntries(fields.map(([f]) => [`#${f}`, f])) },
      ExpressionAttributeValues: { ':type': 'refStats', ...Object.fromEntries(fields.map(([f, n]) => [`:${f}`, n])) },
    },
  }
}

export async function readStats(table: Table, referrerId: string): Promise<RefStats> {
  const item = await getItem(table, keys.refStats(referrerId))
  const n = (f: keyof RefStats) => Number(item?.[f] ?? 0)
  return { joined: n('joined'), unrewarded: n('unrewarded'), rewarding: n('rewarding'), clawedBack: n('clawedBack'), rejected: n('rejected'), qualified: n('qualified') }
}

/**
 * How many of the referrer's rewarded qualifications are still inside their return window at
 * `now`: their `REFDUE#{dueAt}` items after now. Bounded: only qualifications of the last
 * `returnWindowDays`, which the caps bound (see docs/data-model.md).
 */
export async function countStillPending(table: Table, referrerId: string, now: Date): Promise<number> {
  let count = 0
  let start: Record<string, unknown> | undefined
  do {
    const page = await table.db.send(new QueryCommand({
      TableName: table.name,
      // `#~` sorts after every invitee id: a reward due exactly now counts as rewarded (as statusOf says).
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': keys.member(referrerId).pk, ':from': `${keys.refDuePrefix()}${now.toISOString()}#~`, ':to': `${keys.refDuePrefix()}~` },
      Select: 'COUNT', ConsistentRead: true, ExclusiveStartKey: start,
    }))
    count += page.Count ?? 0
    start = page.LastEvaluatedKey
  } while (start)
  return count
}

/** The 邀请 tab's counts by status, from the counters and the rewards still pending. */
export function countsOf(stats: RefStats, stillPending: number): MyInvite['counts'] {
  const pending = Math.min(stillPending, Math.max(0, stats.rewarding))
  return {
    joined: stats.joined, qualified: pending, rewarded: Math.max(0, stats.rewarding - pending), unrewarded: stats.unrewarded,
    clawedBack: stats.clawedBack, rejected: stats.rejected,
  }
}
