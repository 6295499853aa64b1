import { QueryCommand } from '@aws-sdk/lib-dynamodb'
import { ProgramRules } from '@siyu/shared/rules/program-rules'
import { z } from 'zod'
import { getItem, type Table } from '../lib/db'
import { DomainError } from '../lib/errors'
import { keys } from '../lib/keys'
import type { Part } from '../lib/transact'

/** `PROGRAM` / `RULES`: the current rules document. */
export const RulesItem = z.object({ rules: ProgramRules, version: z.number().int() }).loose()

/** The stored current rules; undefined until the first version is published. */
export async function findStoredRules(table: Table): Promise<ProgramRules | undefined> {
  const raw = await getItem(table, keys.programRules())
  return raw ? RulesItem.parse(raw).rules : undefined
}

const conflict = (version: number) => () => new DomainError('rules.version_conflict', '规则已被他人修改，请刷新后再保存', { baseVersion: version - 1 })

/**
 * The current document at version N, conditioned on the stored one being N-1 (version 1 is the
 * built-in default, which may never have been stored): a stale base is `rules.version_conflict`.
 */
export function rulesPutPart(table: Table, rules: ProgramRules, at: string): Part<'rules'> {
  const isFirst = rules.version === 1
  return {
    name: 'rules',
    item: {
      Put: {
        TableName: table.name,
        Item: { ...keys.programRules(), type: 'rules', rules, version: rules.version, updatedAt: at },
        ConditionExpression: isFirst ? 'attribute_not_exists(pk)' : rules.version === 2 ? 'attribute_not_exists(pk) OR version = :prev' : 'version = :prev',
        ...(isFirst ? {} : { ExpressionAttributeValues: { ':prev': rules.version - 1 } }),
      },
    },
    onConditionFailed: conflict(rules.version),
  }
}

/** Who published a version, and the scheduled change it came from (null: published directly). */
export interface Publication {
  at: string
  by: string | null
  scheduledChangeId: string | null
}

/** The immutable copy of version N (`PROGRAM` / `RULES#{N:06}`), written once, with who published it. */
export const rulesVersionPutPart = (table: Table, rules: ProgramRules, p: Publication): Part<'rulesVersion'> => ({
  name: 'rulesVersion',
  item: {
    Put: {
      TableName: table.name,
      Item: { ...keys.programRulesVersion(rules.version), type: 'rulesVersion', rules, createdAt: p.at, publishedBy: p.by, scheduledChangeId: p.scheduledChangeId },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  },
  onConditionFailed: conflict(rules.version),
})

/**
 * The current rules are still version N when the write commits (a ConditionCheck): version 1 is
 * the built-in default, which may never have been stored. Else `rules.version_conflict`.
 */
export function rulesAtVersionPart(table: Table, version: number): Part<'rules'> {
  return {
    name: 'rules',
    item: {
      ConditionCheck: {
        TableName: table.name, Key: keys.programRules(),
        ConditionExpression: version === 1 ? 'attribute_not_exists(pk) OR version = :v' : 'version = :v', ExpressionAttributeValues: { ':v': version },
      },
    },
    onConditionFailed: () => new DomainError('rules.version_conflict', '规则已被他人修改，请刷新后再保存', { baseVersion: version }),
  }
}

/** A stored version (items written before authors were recorded have none). */
export const RulesVersionItem = z
  .object({
    rules: ProgramRules,
    createdAt: z.string(),
    publishedBy: z.string().nullish().transform((v) => v ?? null),
    scheduledChangeId: z.string().nullish().transform((v) => v ?? null),
  })
  .loose()
export type RulesVersionItem = z.infer<typeof RulesVersionItem>

/** Up to `count` stored versions, newest first, below version `below` if given (one Query). */
export async function rulesVersionsPage(table: Table, below: number | undefined, count: number): Promise<RulesVersionItem[]> {
  const res = await table.db.send(new QueryCommand({
    TableName: table.name,
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :lo AND :hi',
    ExpressionAttributeValues: {
      ':pk': keys.programRules().pk, ':lo': keys.programRulesVersionPrefix(), ':hi': below === undefined ? `${keys.programRulesVersionPrefix()}~` : keys.programRulesVersion(below - 1).sk,
    },
    ScanIndexForward: false, Limit: count, ConsistentRead: true,
  }))
  return (res.Items ?? []).map((i) => RulesVersionItem.parse(i))
}
