import { ProgramRules, defaultProgramRules } from '@siyu/shared/rules/program-rules'
import type { RulesNotice } from '@siyu/shared/schemas/console'
import type { Table } from '../lib/db'
import { commit, type Part } from '../lib/transact'
import { findStoredRules, rulesPutPart, rulesVersionPutPart } from '../entities/program-rules'
import { pendingChanges } from '../entities/scheduled-change'

const CACHE_MS = 30_000
let cache: { table: string; rules: ProgramRules; loadedAt: number } | undefined
let noticesCache: { table: string; notices: RulesNotice[]; loadedAt: number } | undefined

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

/**
 * What members are told of rule changes still to come (scheduled, not yet applied or cancelled),
 * soonest first; cached like the rules, and cleared with them.
 */
export async function loadNotices(table: Table, now = Date.now()): Promise<RulesNotice[]> {
  if (noticesCache && noticesCache.table === table.name && now - noticesCache.loadedAt < CACHE_MS) return noticesCache.notices
  const notices = (await pendingChanges(table)).map((c) => ({ id: c.id, effectiveOn: c.effectiveOn, notice: c.notice, changes: c.changes }))
  noticesCache = { table: table.name, notices, loadedAt: now }
  return notices
}

export function clearRulesCache(): void {
  cache = undefined
  noticesCache = undefined
}

/** Who publishes a version and what else commits with it (an audit entry, a scheduled change applied). */
export interface Publishing {
  by?: string | null
  scheduledChangeId?: string | null
  sideParts?: Part[]
}

/**
 * The parts that store a new rules version: the current document and an immutable copy of the
 * version, conditioned on the previous version so two operators cannot overwrite each other
 * (`rules.version_conflict`).
 */
export function publishParts(table: Table, rules: ProgramRules, at: Date, p: Publishing = {}): Part[] {
  const parsed = ProgramRules.parse(rules)
  const iso = at.toISOString()
  return [
    rulesPutPart(table, parsed, iso),
    rulesVersionPutPart(table, parsed, { at: iso, by: p.by ?? null, scheduledChangeId: p.scheduledChangeId ?? null }),
    ...(p.sideParts ?? []),
  ]
}

/** Stores a new rules version (see `publishParts`) in one transaction. */
export async function saveRules(table: Table, rules: ProgramRules, at: Date, p: Publishing = {}): Promise<void> {
  await commit(table, publishParts(table, rules, at, p))
  clearRulesCache()
}
