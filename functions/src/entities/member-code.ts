import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb'
import { z } from 'zod'
import { conditionally, getItem, type Table } from '../lib/db'
import { DomainError } from '../lib/errors'
import { keys } from '../lib/keys'
import type { Part } from '../lib/transact'

/** `MEMBER#{id}` / `CODESECRET`: the secret sealed with the PII key; never stored in clear. */
export const CodeSecretItem = z
  .object({
    pk: z.string(),
    sk: z.literal('CODESECRET'),
    type: z.literal('memberCodeSecret'),
    memberId: z.string(),
    shortId: z.string(),
    secretEnc: z.string(),
    version: z.number().int(),
    updatedAt: z.string(),
  })
  .loose()
export type CodeSecretItem = z.infer<typeof CodeSecretItem>

/** `SHORTID#{8 digits}` / `SHORTID` → the member. */
export const ShortIdItem = z.object({ memberId: z.string() }).loose()

export const newCodeSecret = (s: { memberId: string; shortId: string; secretEnc: string; version: number; updatedAt: string }): CodeSecretItem => ({
  ...keys.memberCodeSecret(s.memberId), sk: 'CODESECRET', type: 'memberCodeSecret', ...s,
})

export async function findCodeSecret(table: Table, memberId: string): Promise<CodeSecretItem | undefined> {
  const raw = await getItem(table, keys.memberCodeSecret(memberId))
  return raw ? CodeSecretItem.parse(raw) : undefined
}

export async function memberIdForShortId(table: Table, shortId: string): Promise<string | undefined> {
  const raw = await getItem(table, keys.shortId(shortId))
  return raw ? ShortIdItem.parse(raw).memberId : undefined
}

/** Claims a short id for the member; taken (a collision) is 'retry': draw another. */
export const shortIdPutNewPart = (table: Table, shortId: string, memberId: string, at: string): Part<'shortId'> => ({
  name: 'shortId',
  item: { Put: { TableName: table.name, Item: { ...keys.shortId(shortId), type: 'shortId', memberId, createdAt: at }, ConditionExpression: 'attribute_not_exists(pk)' } },
  onConditionFailed: () => 'retry',
})

/** The member's first secret; taken means a concurrent login created it: 'retry' (read it). */
export const codeSecretPutNewPart = (table: Table, item: CodeSecretItem): Part<'codeSecret'> => ({
  name: 'codeSecret',
  item: { Put: { TableName: table.name, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } },
  onConditionFailed: () => 'retry',
})

/** Replaces the sealed secret, conditioned on the version read; false when another rotation won. */
export async function replaceCodeSecret(table: Table, current: CodeSecretItem, next: CodeSecretItem): Promise<boolean> {
  return conditionally(table.db.send(new UpdateCommand({
    TableName: table.name,
    Key: keys.memberCodeSecret(current.memberId),
    UpdateExpression: 'SET secretEnc = :s, version = :next, updatedAt = :at',
    ConditionExpression: 'version = :v',
    ExpressionAttributeValues: { ':s': next.secretEnc, ':next': next.version, ':at': next.updatedAt, ':v': current.version },
  })))
}

const USE_TTL_SECONDS = 24 * 60 * 60

export const replayed = () => new DomainError('member_code.replayed', '该会员码已用于另一笔交易，请让顾客刷新会员码')

const codeUsePut = (table: Table, use: { memberId: string; step: number; ref: string }, now: Date) => ({
  TableName: table.name,
  Item: {
    ...keys.memberCodeUse(use.memberId, use.step), type: 'memberCodeUse', memberId: use.memberId, step: use.step, ref: use.ref,
    at: now.toISOString(), ttl: Math.floor(now.getTime() / 1000) + USE_TTL_SECONDS,
  },
  ConditionExpression: 'attribute_not_exists(pk) OR #ref = :ref',
  ExpressionAttributeNames: { '#ref': 'ref' },
  ExpressionAttributeValues: { ':ref': use.ref },
})

/**
 * Claims a code's step for one till transaction (`ref`): a second action (another order) with the
 * same code fails its condition (`member_code.replayed`); a retry of the same action passes.
 */
export const memberCodeUsePart = (table: Table, use: { memberId: string; step: number; ref: string }, now: Date): Part<'codeStep'> => ({
  name: 'codeStep',
  item: { Put: codeUsePut(table, use, now) },
  onConditionFailed: replayed,
})

/** The same claim on its own; false when the step serves another transaction. */
export async function putMemberCodeUse(table: Table, use: { memberId: string; step: number; ref: string }, now: Date): Promise<boolean> {
  return conditionally(table.db.send(new PutCommand(codeUsePut(table, use, now))))
}
