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

/** The immutable copy of version N (`PROGRAM` / `RULES#{N:06}`), written once. */
export const rulesVersionPutPart = (table: Table, rules: ProgramRules, at: string): Part<'rulesVersion'> => ({
  name: 'rulesVersion',
  item: { Put: { TableName: table.name, Item: { ...keys.programRulesVersion(rules.version), type: 'rulesVersion', rules, createdAt: at }, ConditionExpression: 'attribute_not_exists(pk)' } },
  onConditionFailed: conflict(rules.version),
})
