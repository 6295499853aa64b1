import { TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb'
import { shanghaiDate } from '@siyu/shared/rules/business-day'
import type { ProgramRules } from '@siyu/shared/rules/program-rules'
import { anniversary, tierIndexFor } from '@siyu/shared/rules/tiers'
import { isConditionFailed, type Table } from '../lib/db'
import { keys } from '../lib/keys'
import type { LedgerDeps } from '../ledger/post'
import { grantGift } from './gifts'
import { growthOver, readTier, type TierItem, type TierState } from './tier-state'

const ATTEMPTS = 5

/** The tier item's review index: only tiers above the first are reviewed. */
export const reviewIndex = (reviewOn: string | null, memberId: string) => (reviewOn ? { gsi1pk: keys.tierReviewDay(reviewOn), gsi1sk: memberId } : {})

/** The tier item and its log entry, conditioned on the version read: of two racing changes one wins. */
export function tierChangeItems(table: Table, before: TierItem | undefined, after: TierItem, log: { from: string; reason: string; growthFen: number; at: string }) {
  return [
    {
      Put: {
        TableName: table.name, Item: after,
        ...(before ? { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': before.version } } : { ConditionExpression: 'attribute_not_exists(pk)' }),
      },
    },
    {
      Put: {
        TableName: table.name,
        Item: { ...keys.tierLog(after.memberId, log.at), type: 'tierLog', memberId: after.memberId, at: log.at, from: log.from, to: after.tier, reason: log.reason, growthFen: log.growthFen },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  ]
}

/**
 * Upgrades the member at once when their growth has crossed one or more thresholds, owing each
 * crossed tier's upgrade gift; then grants what is owed. Gifts are keyed by tier and the date the
 * tier was reached (the qualification period), so each is granted once per period however often
 * this runs. A refund never lowers the tier here — only the anniversary review does.
 */
export async function upgradeIfQualified(deps: LedgerDeps, rules: ProgramRules, memberId: string): Promise<TierState> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const state = await readTier(deps.table, rules, memberId)
    const now = deps.clock()
    const growth = await growthOver(deps.table, memberId, now)
    const target = tierIndexFor(rules.tiers, growth.fen)
    if (target <= state.index) {
      if (state.item?.giftsDue.length) await grantDue(deps, rules, state.item)
      return state
    }
    const today = shanghaiDate(now)
    const reviewOn = anniversary(today, 1)
    const crossed = rules.tiers.slice(state.index + 1, target + 1).map((t) => `${t.code}@${today}`)
    const after: TierItem = {
      ...(keys.tier(memberId) as { pk: string; sk: 'TIER' }), type: 'tier', memberId, tier: rules.tiers[target].code,
      since: now.toISOString(), anchor: today, reviewOn, giftsDue: [...(state.item?.giftsDue ?? []), ...crossed],
      version: (state.item?.version ?? 0) + 1, ...reviewIndex(reviewOn, memberId),
    }
    try {
      await deps.table.db.send(new TransactWriteCommand({
        TransactItems: tierChangeItems(deps.table, state.item, after, { from: state.tier.code, reason: 'upgrade', growthFen: growth.fen, at: after.since }),
      }))
    } catch (err) {
      if ((err as Error).name === 'TransactionCanceledException') continue // another change won: look again
      throw err
    }
    await grantDue(deps, rules, after)
    return { item: after, index: target, tier: rules.tiers[target] }
  }
  throw new Error(`tier of ${memberId} kept changing under ${ATTEMPTS} attempts`)
}

/** Grants the owed upgrade gifts (idempotent each), then clears them from the tier item. */
async function grantDue(deps: LedgerDeps, rules: ProgramRules, item: TierItem): Promise<void> {
  for (const due of item.giftsDue) {
    const [code, since] = due.split('@')
    const tier = rules.tiers.find((t) => t.code === code)
    if (tier) await grantGift(deps, rules, item.memberId, tier.upgradeGift, { key: `tierup:${item.memberId}:${code}:${since}`, code: 'tier_gift', note: `升级礼：${tier.name}` })
  }
  try {
    await deps.table.db.send(new UpdateCommand({
      TableName: deps.table.name, Key: keys.tier(item.memberId),
      UpdateExpression: 'SET giftsDue = :none', ConditionExpression: 'version = :v AND giftsDue = :due',
      ExpressionAttributeValues: { ':none': [], ':v': item.version, ':due': item.giftsDue },
    }))
  } catch (err) {
    // Changed meanwhile: whoever changed it grants what is owed then (grants are idempotent).
    if (!isConditionFailed(err)) throw err
  }
}
