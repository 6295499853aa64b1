import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb'
import { ProgramRules, defaultProgramRules } from '@siyu/shared/rules/program-rules'
import type { Table } from '../lib/db'
import { keys } from '../lib/keys'

const CACHE_MS = 30_000
let cache: { table: string; rules: ProgramRules; loadedAt: number } | undefined

/**
 * The current program-rules document. Cached for 30 s per container so a rules change
 * reaches every function within half a minute; defaults apply until one is stored.
 */
export async function loadRules(table: Table, now = Date.now()): Promise<ProgramRules> {
  if (cache && cache.table === table.name && now - cache.loadedAt < CACHE_MS) return cache.rules
  const { Item } = await table.db.send(new GetCommand({ TableName: table.name, Key: keys.programRules() }))
  const rules = Item ? ProgramRules.parse(Item.rules) : defaultProgramRules()
  cache = { table: table.name, rules, loadedAt: now }
  return rules
}

export function clearRulesCache(): void {
  cache = undefined
}

/**
 * Stores a new rules version: the current document and an immutable copy of the version,
 * conditioned on the previous version so two operators cannot overwrite each other.
 */
export async function saveRules(table: Table, rules: ProgramRules, at: Date): Promise<void> {
  const parsed = ProgramRules.parse(rules)
  const isFirst = parsed.version === 1
  await table.db.send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: table.name,
            Item: { ...keys.programRules(), type: 'rules', rules: parsed, version: parsed.version, updatedAt: at.toISOString() },
            // Version 1 is the built-in default, which may never have been stored.
            ConditionExpression: isFirst
              ? 'attribute_not_exists(pk)'
              : parsed.version === 2 ? 'attribute_not_exists(pk) OR version = :prev' : 'version = :prev',
            ...(isFirst ? {} : { ExpressionAttributeValues: { ':prev': parsed.version - 1 } }),
          },
        },
        {
          Put: {
            TableName: table.name,
            Item: { ...keys.programRulesVersion(parsed.version), type: 'rulesVersion', rules: parsed, createdAt: at.toISOString() },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      ],
    }),
  )
  clearRulesCache()
}
