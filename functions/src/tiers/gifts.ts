import type { ProgramRules, Tier } from '@siyu/shared/rules/program-rules'
import type { EntryCode } from '@siyu/shared/schemas/points'
import { DomainError } from '../lib/errors'
import { logger } from '../lib/logger'
import { grantCoupon } from '../coupons/claim'
import { earn } from '../ledger/operations'
import type { LedgerDeps } from '../ledger/post'

export interface GiftOutcome {
  points: number
  coupons: string[]
  /** Gift coupons that could not be issued (sold out, paused, over the limit): logged, not retried. */
  skipped: { templateId: string; reason: string }[]
}

/**
 * Grants a gift under one business key: the points as a ledger posting and each coupon as an
 * issue, each idempotent by the key, so a rerun grants nothing twice. A gift coupon that cannot
 * be issued does not stop the rest.
 */
export async function grantGift(
  deps: LedgerDeps, rules: ProgramRules, memberId: string, gift: Tier['upgradeGift'],
  g: { key: string; code: Extract<EntryCode, 'tier_gift' | 'birthday_gift'>; note: string },
): Promise<GiftOutcome> {
  const outcome: GiftOutcome = { points: 0, coupons: [], skipped: [] }
  if (gift.points > 0) {
    await earn(deps, rules, { memberId, key: `${g.key}:points`, code: g.code, points: gift.points, ref: g.key, note: g.note })
    outcome.points = gift.points
  }
  const channel = g.code === 'tier_gift' ? 'tier_gift' : 'birthday'
  for (const templateId of gift.couponTemplateIds) {
    try {
      const { coupon } = await grantCoupon(deps, { memberId, templateId, key: `${g.key}:${templateId}`, channel })
      outcome.coupons.push(coupon.code)
    } catch (err) {
      if (!(err instanceof DomainError)) throw err
      logger.warn('gift coupon not issued', { memberId, templateId, key: g.key, code: err.code })
      outcome.skipped.push({ templateId, reason: err.code })
    }
  }
  return outcome
}
