import { randomUUID } from 'node:crypto'
import { CouponTemplateInput, type CouponTemplate } from '@siyu/shared/schemas/coupons'
import { getDeps } from '../lib/deps'
import { randomIds } from '../lib/ids'
import { createTemplate } from '../coupons/templates'

/** A tier-gift coupon template (10 元 off, 30 days, stock 1000, 5 a member) for the tier tests. */
export function giftTemplate(title: string): Promise<CouponTemplate> {
  const deps = { table: getDeps().table, clock: () => new Date('2026-01-01T00:00:00Z'), ids: randomIds }
  return createTemplate(deps, CouponTemplateInput.parse({
    title, benefit: { kind: 'fixed', amountOffFen: 1000 }, stores: 'all', validity: { type: 'days', days: 30 }, totalStock: 1000,
    perMemberLimit: 5, channel: { type: 'tier_gift' }, paused: false, returnOnRefund: false,
  }), { adminId: 'm_admin', idempotencyKey: randomUUID() })
}
