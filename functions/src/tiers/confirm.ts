import type { ProgramRules } from '@siyu/shared/rules/program-rules'
import { keys } from '../lib/keys'
import { logger } from '../lib/logger'
import { withRetry } from '../lib/retry'
import { queryIndex } from '../lib/db'
import type { LedgerDeps } from '../ledger/post'
import { loadRules } from '../program/rules-repo'
import { dropTierConfirmIfDue, parseTierConfirm } from '../entities/tier-confirm'
import { readTier } from './tier-state'
import { sendTierTx, tierChangeParts, tierRetryable } from './tier-writes'
import { grantOwed, owedCoupons } from './upgrade'

export interface ConfirmReport {
  examined: number
  confirmed: number
}

/**
 * Confirms the provisional upgrades whose return window has closed (run with the hourly
 * activation of pending points, which activates their gift points): each leaves the tier item's
 * provisional list and its gift coupons become owed and are issued. Reads only the due part of the
 * confirmation index (a missed run is caught up by the next); every step is idempotent and the index
 * entry is removed last, so a rerun or a crash in between finishes the work and issues nothing twice.
 */
export async function confirmDueUpgrades(deps: LedgerDeps): Promise<ConfirmReport> {
  const report: ConfirmReport = { examined: 0, confirmed: 0 }
  let rules: ProgramRules | undefined
  for await (const due of queryIndex(deps, keys.tierConfirmDue(), `${deps.clock().toISOString()}~`)) {
    const { memberId, id } = parseTierConfirm(due)
    report.examined++
    rules ??= await loadRules(deps.table)
    if (await confirmOne(deps, rules, memberId, id)) report.confirmed++
  }
  if (report.examined) logger.info('tier upgrades confirmed', { ...report })
  return report
}

async function confirmOne(deps: LedgerDeps, rules: ProgramRules, memberId: string, id: number): Promise<boolean> {
  // Kept changing under every attempt: the next run confirms it.
  return withRetry(() => confirmStep(deps, rules, memberId, id), { backoff: deps.backoff, retryable: tierRetryable, onGiveUp: async () => false })
}

async function confirmStep(deps: LedgerDeps, rules: ProgramRules, memberId: string, id: number): Promise<boolean> {
  const { item } = await readTier(deps.table, rules, memberId)
  const upgrade = item?.provisional?.find((p) => p.id === id)
  // Moved on by a reversal it survived: its index entry moved with it.
  if (upgrade && upgrade.until > deps.clock().toISOString()) return false
  if (item && upgrade) {
    const after = {
      ...item, provisional: (item.provisional ?? []).filter((p) => p.id !== id),
      giftsDue: [...item.giftsDue, ...owedCoupons(memberId, id, upgrade.gifts)], version: item.version + 1,
    }
    await sendTierTx(deps.table, tierChangeParts(deps.table, item, after))
    await grantOwed(deps, rules, after)
  } else await grantOwed(deps, rules, item) // confirmed before, perhaps not yet issued
  // Removed unless a reversal moved its window on meanwhile.
  await dropTierConfirmIfDue(deps.table, memberId, id, deps.clock().toISOString())
  return Boolean(upgrade)
}
