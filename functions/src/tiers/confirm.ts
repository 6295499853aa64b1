import { DeleteCommand } from '@aws-sdk/lib-dynamodb'
import type { ProgramRules } from '@siyu/shared/rules/program-rules'
import { isConditionFailed } from '../lib/db'
import { keys } from '../lib/keys'
import { logger } from '../lib/logger'
import { queryIndex } from '../lib/db'
import type { LedgerDeps } from '../ledger/post'
import { loadRules } from '../program/rules-repo'
import { readTier } from './tier-state'
import { sendTierTx, tierChangeItems, TierMoved } from './tier-writes'
import { grantOwed, owedCoupons } from './upgrade'

const ATTEMPTS = 5

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
    report.examined++
    rules ??= await loadRules(deps.table)
    if (await confirmOne(deps, rules, due.memberId as string, due.id as number)) report.confirmed++
  }
  if (report.examined) logger.info('tier upgrades confirmed', { ...report })
  return report
}

async function confirmOne(deps: LedgerDeps, rules: ProgramRules, memberId: string, id: number): Promise<boolean> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const { item } = await readTier(deps.table, rules, memberId)
    const upgrade = item?.provisional?.find((p) => p.id === id)
    // Moved on by a reversal it survived: its index entry moved with it.
    if (upgrade && upgrade.until > deps.clock().toISOString()) return false
    if (item && upgrade) {
      const after = {
        ...item, provisional: (item.provisional ?? []).filter((p) => p.id !== id),
        giftsDue: [...item.giftsDue, ...owedCoupons(memberId, id, upgrade.gifts)], version: item.version + 1,
      }
      try {
        await sendTierTx(deps.table, tierChangeItems(deps.table, item, after))
      } catch (err) {
        if (err instanceof TierMoved) continue
        throw err
      }
      await grantOwed(deps, rules, after)
    } else await grantOwed(deps, rules, item) // confirmed before, perhaps not yet issued
    await dropIndexEntry(deps, memberId, id)
    return Boolean(upgrade)
  }
  return false // kept changing: the next run confirms it
}

/** Removes the index entry unless a reversal moved its window on meanwhile. */
async function dropIndexEntry(deps: LedgerDeps, memberId: string, id: number): Promise<void> {
  const { pk, sk } = keys.tierConfirm(memberId, id, '')
  try {
    await deps.table.db.send(new DeleteCommand({
      TableName: deps.table.name, Key: { pk, sk }, ConditionExpression: '#until <= :now', ExpressionAttributeNames: { '#until': 'until' }, ExpressionAttributeValues: { ':now': deps.clock().toISOString() },
    }))
  } catch (err) {
    if (!isConditionFailed(err)) throw err
  }
}
