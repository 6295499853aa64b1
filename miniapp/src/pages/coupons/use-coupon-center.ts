import { useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { api, type ApiResponse } from '@/api'
import { ApiError } from '@/api/errors'
import { centerAction, exchangePrompt } from '@/lib/coupon-text'
import { showSuccess } from '@/lib/feedback'
import { withIdempotencyKey } from '@/lib/idempotency'
import { useBusy } from '@/lib/use-busy'
import { useShownData, type ShownDataState } from '@/store/use-shown-data'

export type CenterList = ApiResponse<'listCouponTemplates'>
export type CenterEntry = CenterList['items'][number]
export type CouponCenterState = ShownDataState<CenterList>

const loadCenter = () => api.call('listCouponTemplates')

/** The coupon center, fresh each time the tab shows (stock runs out while the member is away). */
export const useCouponCenter = (): CouponCenterState => useShownData(loadCenter)

/** Refusals that mean the list on screen is out of date: reload it so the button says why. */
const STALE_LIST: ReadonlySet<string> = new Set(['coupon.sold_out', 'coupon.limit_reached', 'coupon.not_claimable', 'coupon.template_not_found'])

export interface Taking {
  /** The template whose claim or exchange is running (one at a time). */
  pendingId: string | null
  take: (entry: CenterEntry) => Promise<void>
}

/**
 * Claims a public coupon, or exchanges points for one after the member confirms the price. Each
 * tap is one action with its own Idempotency-Key (an unanswered request is retried under it).
 */
export function useTake(center: CouponCenterState, onPointsChanged: () => Promise<void>): Taking {
  const [busy, run] = useBusy()
  const [pendingId, setPendingId] = useState<string | null>(null)
  // A second tap in the same frame, before the button shows busy, must not start a second action.
  const inFlight = useRef(false)

  async function take(entry: CenterEntry) {
    const { kind } = centerAction(entry)
    if (!kind || inFlight.current) return
    inFlight.current = true
    try {
      await confirmAndSend(entry, kind)
    } finally {
      inFlight.current = false
      setPendingId(null)
    }
  }

  async function confirmAndSend({ template }: CenterEntry, kind: 'claim' | 'exchange') {
    if (kind === 'exchange' && template.channel.type === 'points') {
      const { confirm } = await Taro.showModal({ title: '积分兑换', content: exchangePrompt(template.title, template.channel.pricePoints), confirmText: '兑换' })
      if (!confirm) return
    }
    setPendingId(template.id)
    await run(async () => {
      const send = (key: string) => {
        const input = { params: { id: template.id }, headers: { 'Idempotency-Key': key } }
        return kind === 'exchange' ? api.call('exchangeCoupon', input) : api.call('claimCoupon', input)
      }
      try {
        await withIdempotencyKey(send)
      } catch (err) {
        if (err instanceof ApiError && STALE_LIST.has(err.code)) void center.reload()
        if (err instanceof ApiError && err.code === 'points.insufficient') void onPointsChanged()
        throw err
      }
      showSuccess(kind === 'exchange' ? '兑换成功' : '领取成功')
      await Promise.all([center.reload(), kind === 'exchange' ? onPointsChanged() : null])
    })
  }

  return { pendingId: busy ? pendingId : null, take }
}
