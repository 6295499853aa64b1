import { randomInt } from 'node:crypto'
import { addDays } from '@siyu/shared/rules/checkin'
import { shanghaiDate } from '@siyu/shared/rules/business-day'
import type { Coupon, CouponStatus, CouponValidity } from '@siyu/shared/schemas/coupons'
import { ruleText } from '@siyu/shared/rules/coupon-discount'
import { CouponItem } from '../entities/coupon'
import { keys } from '../lib/keys'
import type { TemplateItem } from './template-item'

export type { CouponItem } from '../entities/coupon'

/** 18 random digits (~60 bits): unguessable, and all digits for code128 set C at the till. */
export const newCouponCode = () => String(randomInt(1, 10)) + Array.from({ length: 17 }, () => randomInt(0, 10)).join('')

const SHANGHAI_MIDNIGHT = (date: string) => new Date(`${date}T00:00:00+08:00`).toISOString()

/** The validity window of a coupon claimed at `claimedAt`. A days-validity ends at Shanghai midnight. */
export function validityWindow(v: CouponValidity, claimedAt: Date): { validFrom: string; validTo: string } {
  if (v.type === 'window') return { validFrom: v.from, validTo: v.to }
  return { validFrom: claimedAt.toISOString(), validTo: SHANGHAI_MIDNIGHT(addDays(shanghaiDate(claimedAt), v.days)) }
}

export function newCouponItem(t: TemplateItem, memberId: string, code: string, claimedAt: Date, claimKey: string): CouponItem {
  const at = claimedAt.toISOString()
  return CouponItem.parse({
    ...keys.coupon(code),
    ...keys.couponsOfMember(memberId, at, code),
    type: 'coupon', code, templateId: t.id, memberId, title: t.title, benefit: t.benefit, stores: t.stores,
    returnOnRefund: t.returnOnRefund, state: 'available', ...validityWindow(t.validity, claimedAt), claimedAt: at, claimKey,
  })
}

export function statusOf(c: CouponItem, now: Date): CouponStatus {
  const iso = now.toISOString()
  if (c.state === 'used') return 'used'
  if (iso >= c.validTo) return 'expired'
  if (c.state === 'held' && c.heldFor && c.heldFor.until > iso) return 'held'
  return 'available'
}

/** The last Shanghai day a coupon can be used (its validTo is exclusive). */
const lastDay = (validTo: string) => shanghaiDate(new Date(new Date(validTo).getTime() - 1))

export const toCoupon = (c: CouponItem, now: Date): Coupon => ({
  code: c.code,
  templateId: c.templateId,
  memberId: c.memberId as Coupon['memberId'],
  title: c.title,
  ruleText: ruleText(c.benefit),
  benefit: c.benefit,
  stores: c.stores,
  status: statusOf(c, now),
  validFrom: c.validFrom,
  validTo: c.validTo,
  lastDay: lastDay(c.validTo),
  claimedAt: c.claimedAt,
  usedAt: c.state === 'used' ? (c.redemption?.at ?? null) : null,
})
