import { ProgramRules, defaultProgramRules } from '@siyu/shared/rules/program-rules'
import type { Table } from '../lib/db'
import { commit } from '../lib/transact'
import { findStoredRules, rulesPutPart, rulesVersionPutPart } from '../entities/program-rules'

const CACHE_MS = 30_000
let cache: { table: string; rules: ProgramRules; loadedAt: number } | undefined

/**
 * The current program-rules document. Cached for 30 s per container so a rules change
 * reaches every function within half a minute; defaults apply until one is stored.
 */
export async function loadRules(table: Table, now = Date.now()): Promise<ProgramRules> {
  if (cache && cache.table === table.name && now - cache.loadedAt < CACHE_MS) return cache.rules
  const rules = (await findStoredRules(table)) ?? defaultProgramRules()
  cache = { table: table.name, rules, loadedAt: now }
  return rules
}

export function clearRulesCache(): void {
  cache = undefined
}

/**
 * Stores a new rules version: the current document and an immutable copy of the version,
 * conditioned on the previous version so two operators cannot overwrite each other
 * (`rules.version_conflict`).
 */
export async function saveRules(table: Table, rules: ProgramRules, at: Date): Promise<void> {
  const parsed = ProgramRules.parse(rules)
  await commit(table, [rulesPutPart(table, parsed, at.toISOString()), rulesVersionPutPart(table, parsed, at.toISOString())])
  clearRulesCache()
}
