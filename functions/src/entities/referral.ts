import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb'
import { z } from 'zod'
import { conditionally, getItem, getItems, type Table } from '../lib/db'
import { keys } from '../lib/keys'
import { updatePart, type OnConditionFailed, type Part } from '../lib/transact'
import { MemberItem } from './member'

/** The two sides of a referral's reward. */
export const Side = z.enum(['referrer', 'invitee'])
export type Side = z.infer<typeof Side>

/**
 * Who invited a member (`MEMBER#{invitee}` / `REFERRAL`): written once, never replaced. While a
 * reward side is owed it carries the outbox index entry (gsi1 `REFOWED` / `{qualifiedAt}#{invitee}`).
 */
export const ReferralItem = z.object({
  pk: z.string(),
  sk: z.literal('REFERRAL'),
  type: z.literal('referral'),
  referrerId: z.string(),
  inviteeId: z.string(),
  inviteCode: z.string(),
  /** The server's time of the open, from the ticket the bind was made with. */
  openedAt: z.string(),
  boundAt: z.string(),
  status: z.enum(['joined', 'qualified', 'clawed_back']),
  /** Bound over the referrer's cap: never rewarded. */
  unrewardedReason: z.enum(['cap_day', 'cap_month']).nullable(),
  qualifiedAt: z.string().nullable(),
  qualifyingOrderId: z.string().nullable(),
  /** The outbox: reward sides recorded as owed by the qualification, each removed by its own posting (absent once empty). */
  owed: z.set(Side).optional(),
  /** The points each side is owed, fixed when it qualified (a later rules change cannot alter a retry). */
  rewardPoints: z.record(Side, z.number()).optional(),
  /** When the rewards leave the return window (qualification + `returnWindowDays`): "rewarded" from then. */
  rewardDueAt: z.string().optional(),
}).loose()
export type ReferralItem = z.infer<typeof ReferralItem>

/** A new bind's referral, joined (not yet qualified). */
export function newReferralItem(b: { inviteeId: string; referrerId: string; inviteCode: string; openedAt: string; boundAt: string; unrewardedReason: ReferralItem['unrewardedReason'] }): ReferralItem {
  return ReferralItem.parse({ ...keys.referral(b.inviteeId), type: 'referral', ...b, status: 'joined', qualifiedAt: null, qualifyingOrderId: null })
}

export async function findReferral(table: Table, inviteeId: string): Promise<ReferralItem | undefined> {
  const raw = await getItem(table, keys.referral(inviteeId))
  return raw ? ReferralItem.parse(raw) : undefined
}

/** The referral and the profile of each invitee (one BatchGet of two items per invitee, consistent). */
export async function referralsWithMembers(table: Table, inviteeIds: string[]): Promise<Map<string, { referral?: ReferralItem; member?: MemberItem }>> {
  const raw = await getItems(table, inviteeIds.flatMap((id) => [keys.referral(id), keys.member(id)]), { consistent: true })
  const found = new Map<string, { referral?: ReferralItem; member?: MemberItem }>(inviteeIds.map((id) => [id, {}]))
  for (const item of raw) {
    if (item.sk === 'REFERRAL') {
      const referral = ReferralItem.parse(item)
      const entry = found.get(referral.inviteeId)
      if (entry) entry.referral = referral
    } else {
      const member = MemberItem.parse(item)
      const entry = found.get(member.memberId)
      if (entry) entry.member = member
    }
  }
  return found
}

/** The bind: the referral, once per newcomer (a failure: someone bound them first). */
export const referralPutNewPart = (table: Table, r: ReferralItem): Part<'referral'> => ({
  name: 'referral', item: { Put: { TableName: table.name, Item: r, ConditionExpression: 'attribute_not_exists(pk)' } },
})

/** The inviter was not invited by this newcomer (no cycle), checked when the bind commits. */
export const noCycleCheckPart = (table: Table, referrerId: string, inviteeId: string): Part<'cycle'> => ({
  name: 'cycle',
  item: { ConditionCheck: { TableName: table.name, Key: keys.referral(referrerId), ConditionExpression: 'attribute_not_exists(pk) OR referrerId <> :invitee', ExpressionAttributeValues: { ':invitee': inviteeId } } },
})

/** The referral qualified with the rewards it owes, indexed under `REFOWED` while any side is owed; only a joined referral qualifies. */
export function referralQualifyPart(table: Table, r: ReferralItem, q: { at: string; orderId: string; reward?: { points: Record<Side, number>; dueAt: string }; owed: Side[] }): Part<'referral'> {
  const index = keys.refOwed(q.at, r.inviteeId)
  const owed = q.owed.length > 0
  return updatePart('referral', table, keys.referral(r.inviteeId), {
    UpdateExpression: `SET #status = :qualified, qualifiedAt = :now, qualifyingOrderId = :order${q.reward ? ', rewardPoints = :points, rewardDueAt = :due' : ''}${owed ? ', owed = :owed, gsi1pk = :gpk, gsi1sk = :gsk' : ''}`,
    ConditionExpression: '#status = :joined', ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: {
      ':qualified': 'qualified', ':joined': 'joined', ':now': q.at, ':order': q.orderId,
      ...(q.reward ? { ':points': q.reward.points, ':due': q.reward.dueAt } : {}),
      ...(owed ? { ':owed': new Set(q.owed), ':gpk': index.gsi1pk, ':gsk': index.gsi1sk } : {}),
    },
  })
}

/** The referral clawed back and out of the outbox, conditioned on the sides still owed being those read (nothing paid since). */
export function referralClawBackPart(table: Table, r: ReferralItem, sides: readonly Side[], at: string): Part<'referral'> {
  const owedAsRead = sides.map((s, i) => `${r.owed?.has(s) ? '' : 'NOT '}contains(owed, :side${i})`).join(' AND ')
  return updatePart('referral', table, keys.referral(r.inviteeId), {
    UpdateExpression: 'SET #status = :clawed, clawedBackAt = :now REMOVE owed, gsi1pk, gsi1sk',
    ConditionExpression: `#status = :qualified AND ${owedAsRead}`, ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':clawed': 'clawed_back', ':qualified': 'qualified', ':now': at, ...Object.fromEntries(sides.map((s, i) => [`:side${i}`, s])) },
  })
}

/** One reward side taken off the outbox, in its posting: only while it is still owed. */
export const takeOffOwedPart = (table: Table, inviteeId: string, side: Side, onConditionFailed: OnConditionFailed): Part<'owed'> => ({
  name: 'owed',
  item: { Update: { TableName: table.name, Key: keys.referral(inviteeId), UpdateExpression: 'DELETE owed :side', ConditionExpression: 'contains(owed, :one)', ExpressionAttributeValues: { ':side': new Set([side]), ':one': side } } },
  onConditionFailed,
})

/** Once nothing is owed the referral leaves the outbox index (an empty set attribute is removed by DynamoDB); false when still owed or already out. */
export async function dropOwedIndex(table: Table, inviteeId: string): Promise<boolean> {
  return conditionally(table.db.send(new UpdateCommand({
    TableName: table.name, Key: keys.referral(inviteeId), UpdateExpression: 'REMOVE gsi1pk, gsi1sk', ConditionExpression: 'attribute_exists(gsi1pk) AND attribute_not_exists(owed)',
  })))
}

const OwedEntry = z.object({ inviteeId: z.string() }).loose()

/** The invitees of referrals in the outbox index, page by page (the index is eventually consistent: re-read each). */
export async function* owedReferralInvitees(table: Table): AsyncGenerator<string> {
  let start: Record<string, unknown> | undefined
  do {
    const page = await table.db.send(new QueryCommand({
      TableName: table.name, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': keys.refOwedIndex() }, ExclusiveStartKey: start,
    }))
    for (const entry of page.Items ?? []) yield OwedEntry.parse(entry).inviteeId
    start = page.LastEvaluatedKey
  } while (start)
}
