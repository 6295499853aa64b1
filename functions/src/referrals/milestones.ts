import { UpdateCommand } from '@aws-sdk/lib-dynamodb'
import type { ProgramRules } from '@siyu/shared/rules/program-rules'
import { getItem, isConditionFailed } from '../lib/db'
import { keys } from '../lib/keys'
import type { LedgerDeps } from '../ledger/post'

const DAY_MS = 86_400_000

/** Each milestone the referrer's qualified invites have reached, once: the check-in boost it gives. */
export async function grantMilestones(deps: LedgerDeps, rules: ProgramRules, referrerId: string): Promise<void> {
  const item = await getItem(deps.table, keys.refStats(referrerId))
  const qualified = Number(item?.qualified ?? 0)
  const now = deps.clock()
  for (const m of rules.referrals.milestones.filter((x) => x.qualified <= qualified)) {
    try {
      await deps.table.db.send(new UpdateCommand({
        TableName: deps.table.name, Key: keys.member(referrerId),
        UpdateExpression: 'SET checkinBoost = :boost, milestonesGranted = list_append(if_not_exists(milestonesGranted, :none), :m)',
        ConditionExpression: 'attribute_exists(pk) AND NOT contains(milestonesGranted, :q)',
        ExpressionAttributeValues: {
          ':boost': { multiplier: m.checkinMultiplier, until: new Date(now.getTime() + m.days * DAY_MS).toISOString() },
          ':none': [], ':m': [m.qualified], ':q': m.qualified,
        },
      }))
    } catch (err) {
      if (!isConditionFailed(err)) throw err // granted before: once only
    }
  }
}
