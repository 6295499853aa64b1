import { loadDeps } from '../../lib/deps'
import { loadRules } from '../../program/rules-repo'
import { settleOwedReferralRewards } from '../rewards'

/** Scheduled (EventBridge): pays referral rewards a crash left owed; idempotent, so reruns are harmless. */
export const settleOwedRewards = async () => {
  const deps = await loadDeps()
  return settleOwedReferralRewards(deps, await loadRules(deps.table))
}
