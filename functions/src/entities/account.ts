import { QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb'
import { z } from 'zod'
import { getItem, type Table } from '../lib/db'
import { keys } from '../lib/keys'
import type { Part } from '../lib/transact'
import { emptyAccount, type AccountState } from '../ledger/account'

/** Whole numbers only: balances are integer points. */
const int = z.number().int()

/** The stored account (`MEMBER#{id}` / `ACCOUNT`; `gsi1` `DEBTORS` / `{memberId}` while in debt). */
export const AccountItem = z
  .object({
    pk: z.string(),
    sk: z.literal('ACCOUNT'),
    type: z.literal('account'),
    memberId: z.string(),
    available: int,
    pending: int,
    debt: int,
    lots: z.record(z.string(), int).optional(),
    earned: int,
    spent: int,
    expired: int,
    reversed: int.optional(),
    version: int,
    updatedAt: z.string(),
    gsi1pk: z.string().optional(),
    gsi1sk: z.string().optional(),
  })
  .loose()
export type AccountItem = z.infer<typeof AccountItem>

/** The account's figures (an absent account is empty; fields added later default). */
export function accountState(item: AccountItem | undefined): AccountState {
  if (!item) return emptyAccount()
  const { available, pending, debt, lots, earned, spent, expired, reversed, version } = item
  return { available, pending, debt, lots: lots ?? {}, earned, spent, expired, reversed: reversed ?? 0, version }
}

export function toAccountItem(memberId: string, a: AccountState, at: string): AccountItem {
  return {
    ...keys.account(memberId),
    sk: 'ACCOUNT',
    type: 'account',
    memberId,
    ...a,
    updatedAt: at,
    ...(a.debt > 0 ? keys.debtor(memberId) : {}),
  }
}

/** The member's account as stored, read consistently; undefined before the first posting. */
export async function findAccount(table: Table, memberId: string): Promise<AccountItem | undefined> {
  const raw = await getItem(table, keys.account(memberId))
  return raw ? AccountItem.parse(raw) : undefined
}

/** The account's state (empty when none is stored). */
export const readAccountState = async (table: Table, memberId: string): Promise<AccountState> => accountState(await findAccount(table, memberId))

/**
 * The account's whole next state, guarded by the version it was computed from (no lost update)
 * and, for a spend, by the balance covering it. A failed condition is a lost race: 'retry'.
 */
export function accountPutPart(table: Table, memberId: string, before: AccountState, after: AccountState, spend: number, at: string): Part<'account'> {
  const condition =
    before.version === 0
      ? { ConditionExpression: 'attribute_not_exists(pk)' }
      : {
          ConditionExpression: spend > 0 ? 'version = :v AND available >= :spend' : 'version = :v',
          ExpressionAttributeValues: { ':v': before.version, ...(spend > 0 ? { ':spend': spend } : {}) },
        }
  return { name: 'account', item: { Put: { TableName: table.name, Item: toAccountItem(memberId, after, at), ...condition } }, onConditionFailed: () => 'retry' }
}

/** One page of the accounts in debt (the sparse `DEBTORS` index), from after a member's account. */
export async function debtorsPage(table: Table, q: { afterMemberId?: string; limit: number }): Promise<{ items: AccountItem[]; more: boolean }> {
  const page = await table.db.send(
    new QueryCommand({
      TableName: table.name,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.debtors() },
      Limit: q.limit,
      ExclusiveStartKey: q.afterMemberId ? { ...keys.account(q.afterMemberId), ...keys.debtor(q.afterMemberId) } : undefined,
    }),
  )
  return { items: (page.Items ?? []).map((i) => AccountItem.parse(i)), more: page.LastEvaluatedKey !== undefined }
}

/** Where a scan of the accounts stopped (the last account's table key). */
export type AccountScanKey = Record<string, unknown>

/** One Scan page filtered to account items, consistently (reconciliation walks them page by page). */
export async function accountsScanPage(table: Table, start?: AccountScanKey): Promise<{ items: AccountItem[]; next?: AccountScanKey }> {
  const page = await table.db.send(
    new ScanCommand({
      TableName: table.name,
      FilterExpression: '#type = :account',
      ExpressionAttributeNames: { '#type': 'type' },
      ExpressionAttributeValues: { ':account': 'account' },
      ExclusiveStartKey: start,
      ConsistentRead: true,
    }),
  )
  return { items: (page.Items ?? []).map((i) => AccountItem.parse(i)), next: page.LastEvaluatedKey }
}

/** The table key of an account item (a scan resumes after it). */
export const accountKeyOf = (a: AccountItem): AccountScanKey => ({ pk: a.pk, sk: a.sk })
