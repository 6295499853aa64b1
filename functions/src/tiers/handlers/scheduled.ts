import { getDeps } from '../../lib/deps'
import { loadRules } from '../../program/rules-repo'
import { grantBirthdayGifts } from '../birthday'
import { reviewDueTiers } from '../review'

/** Scheduled (EventBridge) entry points; each job is idempotent, so a rerun or overlap is harmless. */
export const reviewTiers = async () => reviewDueTiers(getDeps(), await loadRules(getDeps().table))

export const birthdayGifts = async () => grantBirthdayGifts(getDeps(), await loadRules(getDeps().table))
