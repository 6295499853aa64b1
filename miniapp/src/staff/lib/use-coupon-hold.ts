import { useCallback, useEffect, useRef } from 'react'
import type { TillCouponResult } from '@siyu/shared/schemas/coupons'
import { api } from '@/api'
import { retryUnanswered } from './retry'

interface Held {
  code: string
  orderId: string
}

export interface CouponHold {
  /** Holds the coupon for the order (again for the same order refreshes it with the new amount). */
  hold: (code: string, orderId: string, amountFen: number) => Promise<TillCouponResult>
  /** Gives back what this form holds, if anything (a lapsed hold frees itself, so failures are ignored). */
  release: () => Promise<void>
  /** The purchase used the hold: nothing to give back any more. */
  forget: () => void
}

const releaseQuietly = ({ code, orderId }: Held) =>
  api.call('releaseCoupon', { params: { code }, body: { orderId } }).then(
    () => undefined,
    () => undefined,
  )

/**
 * The coupon a purchase form holds for its order. Whatever is still held when the form goes
 * away (the clerk cancelled, went back, served the next customer) is released.
 */
export function useCouponHold(): CouponHold {
  const held = useRef<Held | null>(null)

  const release = useCallback(async () => {
    const current = held.current
    held.current = null
    if (current) await releaseQuietly(current)
  }, [])

  const hold = useCallback(async (code: string, orderId: string, amountFen: number) => {
    const current = held.current
    if (current && (current.code !== code || current.orderId !== orderId)) await release()
    // Marked before the answer: a hold whose answer was lost may still have taken the coupon.
    held.current = { code, orderId }
    return retryUnanswered(() => api.call('holdCoupon', { params: { code }, body: { orderId, amountFen } }))
  }, [release])

  const forget = useCallback(() => {
    held.current = null
  }, [])

  useEffect(() => () => void release(), [release])

  return { hold, release, forget }
}
