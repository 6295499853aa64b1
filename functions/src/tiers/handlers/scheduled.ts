import { getDeps, loadDeps } from '../../lib/deps'
import { loadRules } from '../../program/rules-repo'
import { grantBirthdayGifts } from '../birthday'
import { reviewDueTiers } from '../review'

/** Scheduled (EventBridge) entry points; each job is idempotent, so a rerun or overlap is harmless. */
export const reviewTiers = async () => reviewDueTiers(await loadDeps(), await loadRules(getDeps().table))

export const birthdayGifts = async () => grantBirthdayGifts(await loadDeps(), await loadRules(getDeps().table))
