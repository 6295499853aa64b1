import type { CouponBenefit } from '../schemas/coupons'

export type DiscountResult =
  | { applicable: true; discountFen: number; giftName: string | null }
  | { applicable: false; reason: string }

/**
 * The discount a coupon gives on an order of `amountFen`, in whole fen. Rounding: a percent
 * discount is rounded down to the fen (the shopper never gets a fraction the till cannot give),
 * then capped; no discount ever exceeds the order.
 */
export function discountFor(benefit: CouponBenefit, amountFen: number): DiscountResult {
  if (!Number.isSafeInteger(amountFen) || amountFen <= 0) return { applicable: false, reason: '订单金额必须大于 0' }
  switch (benefit.kind) {
    case 'fixed':
      return { applicable: true, discountFen: Math.min(benefit.amountOffFen, amountFen), giftName: null }
    case 'percent': {
      const raw = Math.floor((amountFen * benefit.percentOff) / 100)
      return { applicable: true, discountFen: Math.min(raw, benefit.capFen ?? raw, amountFen), giftName: null }
    }
    case 'threshold':
      if (amountFen < benefit.thresholdFen) return { applicable: false, reason: `未满 ${yuan(benefit.thresholdFen)} 元，不能使用` }
      return { applicable: true, discountFen: benefit.amountOffFen, giftName: null }
    case 'gift':
      return { applicable: true, discountFen: 0, giftName: benefit.giftName }
  }
}

/** Fen as yuan for people: 2000 → "20", 1990 → "19.9". */
export const yuan = (fen: number) => String(fen / 100)

/** The rule in words, as shown on the coupon. */
export function ruleText(benefit: CouponBenefit): string {
  switch (benefit.kind) {
    case 'fixed':
      return `立减 ${yuan(benefit.amountOffFen)} 元`
    case 'percent': {
      const zhe = (100 - benefit.percentOff) / 10
      return `${zhe} 折${benefit.capFen ? `，最多减 ${yuan(benefit.capFen)} 元` : ''}`
    }
    case 'threshold':
      return `满 ${yuan(benefit.thresholdFen)} 元减 ${yuan(benefit.amountOffFen)} 元`
    case 'gift':
      return `兑换 ${benefit.giftName} 一份`
  }
}
