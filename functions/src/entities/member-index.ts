import { QueryCommand } from '@aws-sdk/lib-dynamodb'
import { z } from 'zod'
import type { Table } from '../lib/db'
import { keys } from '../lib/keys'
import type { Part } from '../lib/transact'

/**
 * The console's look-up items for members, each written in the same transaction as the member
 * field it mirrors: a phone's keyed hash (`PHONE#{hash}` / `MEMBER#{id}`) and the normalised
 * nickname (`NICKNAME#{first character}` / `{nickname}#{id}`).
 */
const IndexItem = z.object({ sk: z.string(), memberId: z.string() }).loose()

/** How nicknames are compared: NFKC (full-width → half-width, compatibility forms) and lower case. */
export const normaliseNickname = (text: string) => text.normalize('NFKC').toLowerCase().trim()

/** The first character (code point) of a normalised nickname: its index partition. */
export const firstCharacter = (normalised: string) => [...normalised][0] ?? ''

export function phoneIndexPutPart(table: Table, hash: string, memberId: string): Part<'phoneIndex'> {
  return { name: 'phoneIndex', item: { Put: { TableName: table.name, Item: { ...keys.phoneIndex(hash, memberId), type: 'phoneIndex', memberId } } } }
}

export function phoneIndexDeletePart(table: Table, hash: string, memberId: string): Part<'phoneIndexOld'> {
  return { name: 'phoneIndexOld', item: { Delete: { TableName: table.name, Key: keys.phoneIndex(hash, memberId) } } }
}

/** The members bound to a phone (by its keyed hash): one Query of its partition, never a scan. */
export async function membersWithPhoneHash(table: Table, hash: string, limit: number): Promise<string[]> {
  const page = await table.db.send(new QueryCommand({
    TableName: table.name, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.phoneIndexPartition(hash) }, Limit: limit,
  }))
  return (page.Items ?? []).map((i) => IndexItem.parse(i).memberId)
}

const nicknameKey = (nickname: string, memberId: string) => {
  const normalised = normaliseNickname(nickname)
  return keys.nicknameIndex(firstCharacter(normalised), normalised, memberId)
}

/** True when two nicknames land on the same index item (nothing to move). */
export const sameNicknameKey = (a: string, b: string) => normaliseNickname(a) === normaliseNickname(b)

export function nicknameIndexPutPart(table: Table, nickname: string, memberId: string): Part<'nicknameIndex'> {
  return { name: 'nicknameIndex', item: { Put: { TableName: table.name, Item: { ...nicknameKey(nickname, memberId), type: 'nicknameIndex', memberId } } } }
}

export function nicknameIndexDeletePart(table: Table, nickname: string, memberId: string): Part<'nicknameIndexOld'> {
  return { name: 'nicknameIndexOld', item: { Delete: { TableName: table.name, Key: nicknameKey(nickname, memberId) } } }
}

/**
 * Members whose normalised nickname begins with `prefix` (already normalised), in nickname order,
 * after the sort key `afterSk`: one Query of the first character's partition. One row more than
 * `limit` tells whether another page exists.
 */
export async function nicknamePrefixPage(table: Table, prefix: string, afterSk: string | undefined, limit: number): Promise<{ rows: { sk: string; memberId: string }[]; more: boolean }> {
  const pk = keys.nicknamePartition(firstCharacter(prefix))
  const page = await table.db.send(new QueryCommand({
    TableName: table.name,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
    ...(afterSk ? { ExclusiveStartKey: { pk, sk: afterSk } } : {}),
    Limit: limit + 1,
  }))
  const rows = (page.Items ?? []).map((i) => IndexItem.parse(i)).map(({ sk, memberId }) => ({ sk, memberId }))
  return { rows: rows.slice(0, limit), more: rows.length > limit }
}
