import { shanghaiMonth } from '@siyu/shared/rules/business-day'
import type { ProgramRules } from '@siyu/shared/rules/program-rules'
import { logger } from '../lib/logger'
import { membersBornIn } from '../entities/birthday-index'
import type { LedgerDeps } from '../ledger/post'
import { grantGift } from './gifts'
import { readTier } from './tier-state'

export interface BirthdayReport {
  examined: number
  granted: number
}

/**
 * Grants every member whose birthday falls in this Shanghai month their tier's birthday gift,
 * once a year: the gift is keyed by member and year, so the daily run (and any rerun) grants each
 * member once, on the first run of their birthday month.
 */
export async function grantBirthdayGifts(deps: LedgerDeps, rules: ProgramRules): Promise<BirthdayReport> {
  const month = shanghaiMonth(deps.clock())
  const [year, mm] = month.split('-')
  const report: BirthdayReport = { examined: 0, granted: 0 }
  for await (const memberId of membersBornIn(deps.table, mm)) {
    report.examined++
    const { tier } = await readTier(deps.table, rules, memberId)
    const gift = await grantGift(deps, rules, memberId, tier.birthdayGift, { key: `birthday:${memberId}:${year}`, code: 'birthday_gift', note: `${year} 年生日礼（${tier.name}）` })
    if (gift.points > 0 || gift.coupons.length > 0) report.granted++
  }
  logger.info('birthday gifts', { ...report, month })
  return report
}
