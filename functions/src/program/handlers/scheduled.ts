import { loadDeps } from '../../lib/deps'
import { applyDueChanges } from '../apply-changes'

/** Scheduled (EventBridge, hourly): applies the rule changes whose date has come; a rerun applies nothing twice. */
export const applyRuleChanges = async () => applyDueChanges(await loadDeps())
