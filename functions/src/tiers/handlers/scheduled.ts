import { withDeps } from '../../lib/deps'
import { loadRules } from '../../program/rules-repo'
import { grantBirthdayGifts } from '../birthday'
import { reviewDueTiers } from '../review'

/** Scheduled (EventBridge) entry points; each job is idempotent, so a rerun or overlap is harmless. */
export const reviewTiers = withDeps(async (deps) => reviewDueTiers(deps, await loadRules(deps.table)))

export const birthdayGifts = withDeps(async (deps) => grantBirthdayGifts(deps, await loadRules(deps.table)))
