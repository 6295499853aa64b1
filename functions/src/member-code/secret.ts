import { randomBytes, randomInt } from 'node:crypto'
import { TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb'
import { SHORT_ID_DIGITS } from '@siyu/shared/rules/member-code'
import type { ProgramRules } from '@siyu/shared/rules/program-rules'
import type { MemberCodeSecret } from '@siyu/shared/schemas/member-code'
import { conditionFailedAt, getItem, isConditionFailed, type Table } from '../lib/db'
import type { Clock } from '../lib/ids'
import { keys } from '../lib/keys'
import { decryptPii, encryptPii } from '../lib/pii'

/** `MEMBER#{id}` / `CODESECRET`: the secret sealed with the PII key; never stored in clear. */
export interface CodeSecretItem {
  pk: string
  sk: 'CODESECRET'
  type: 'memberCodeSecret'
  memberId: string
  shortId: string
  secretEnc: string
  version: number
  updatedAt: string
}

export interface CodeSecretDeps {
  table: Table
  clock: Clock
  piiKey: Buffer
  /** Random source for secrets and short ids (tests inject collisions). */
  random?: { secret: () => Buffer; shortId: () => string }
}

const defaultRandom = {
  secret: () => randomBytes(20), // 160 bits, RFC 4226's recommended HMAC-SHA1 key length
  shortId: () => String(randomInt(10 ** (SHORT_ID_DIGITS - 1), 10 ** SHORT_ID_DIGITS)),
}

export async function findCodeSecret(table: Table, memberId: string): Promise<CodeSecretItem | undefined> {
  return getItem<CodeSecretItem>(table, keys.memberCodeSecret(memberId))
}

export async function memberIdForShortId(table: Table, shortId: string): Promise<string | undefined> {
  const item = await getItem(table, keys.shortId(shortId))
  return item?.memberId as string | undefined
}

export const openSecret = (deps: Pick<CodeSecretDeps, 'piiKey'>, item: CodeSecretItem): Buffer => Buffer.from(decryptPii(deps.piiKey, item.secretEnc), 'base64url')

const toView = (deps: CodeSecretDeps, item: CodeSecretItem, rules: ProgramRules): MemberCodeSecret => ({
  shortId: item.shortId,
  secret: openSecret(deps, item).toString('base64url'),
  stepSeconds: rules.memberCode.stepSeconds,
  version: item.version,
})

/**
 * The member's code secret, created on first use (at login): a random short id claimed with
 * `attribute_not_exists` (a collision draws another) and the sealed secret, in one transaction.
 */
export async function ensureCodeSecret(deps: CodeSecretDeps, rules: ProgramRules, memberId: string): Promise<MemberCodeSecret> {
  const random = deps.random ?? defaultRandom
  for (let attempt = 0; attempt < 5; attempt++) {
    const existing = await findCodeSecret(deps.table, memberId)
    if (existing) return toView(deps, existing, rules)
    const at = deps.clock().toISOString()
    const item: CodeSecretItem = {
      ...(keys.memberCodeSecret(memberId) as { pk: string; sk: 'CODESECRET' }),
      type: 'memberCodeSecret', memberId, shortId: random.shortId(),
      secretEnc: encryptPii(deps.piiKey, random.secret().toString('base64url')), version: 1, updatedAt: at,
    }
    try {
      await deps.table.db.send(new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: deps.table.name, Item: { ...keys.shortId(item.shortId), type: 'shortId', memberId, createdAt: at }, ConditionExpression: 'attribute_not_exists(pk)' } },
          { Put: { TableName: deps.table.name, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } },
        ],
      }))
      return toView(deps, item, rules)
    } catch (err) {
      // [0]: short id taken, draw again; [1]: a concurrent login created the secret, read it.
      if (!conditionFailedAt(err, 0) && !conditionFailedAt(err, 1)) throw err
    }
  }
  throw new Error('could not allocate a member short id')
}

/** A new secret (same short id): codes computed from the old one stop verifying at once. */
export async function rotateCodeSecret(deps: CodeSecretDeps, rules: ProgramRules, memberId: string): Promise<MemberCodeSecret> {
  const current = await findCodeSecret(deps.table, memberId)
  if (!current) return ensureCodeSecret(deps, rules, memberId)
  const random = deps.random ?? defaultRandom
  const next: CodeSecretItem = {
    ...current,
    secretEnc: encryptPii(deps.piiKey, random.secret().toString('base64url')),
    version: current.version + 1,
    updatedAt: deps.clock().toISOString(),
  }
  try {
    await deps.table.db.send(new UpdateCommand({
      TableName: deps.table.name,
      Key: keys.memberCodeSecret(memberId),
      UpdateExpression: 'SET secretEnc = :s, version = :next, updatedAt = :at',
      ConditionExpression: 'version = :v',
      ExpressionAttributeValues: { ':s': next.secretEnc, ':next': next.version, ':at': next.updatedAt, ':v': current.version },
    }))
    return toView(deps, next, rules)
  } catch (err) {
    if (!isConditionFailed(err)) throw err
    // Rotated concurrently (two taps): the other rotation's secret is the member's now.
    return toView(deps, (await findCodeSecret(deps.table, memberId))!, rules)
  }
}
