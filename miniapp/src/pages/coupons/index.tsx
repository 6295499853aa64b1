import { useRef, useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { usePointsSummary } from '@/store/points'
import { useMember } from '@/store/use-member'
import { CouponCenter } from './center'
import { useCouponCenter, useTake } from './use-coupon-center'
import { useMyCoupons } from './use-my-coupons'
import { Wallet } from './wallet'
import './index.scss'

type Segment = 'center' | 'wallet'

const SEGMENTS: readonly { key: Segment; label: string }[] = [
  { key: 'center', label: '领券中心' },
  { key: 'wallet', label: '我的券' },
]

/** 优惠券 tab: the coupon center (claim, or exchange points) and the member's wallet. */
export default function CouponsPage() {
  useMember()
  const [segment, setSegment] = useState<Segment>('center')
  // Page events are registered once; they read the segment shown now.
  const shown = useRef(segment)
  shown.current = segment
  const center = useCouponCenter()
  const points = usePointsSummary()
  const taking = useTake(center, points.reload)
  const wallet = useMyCoupons()

  function show(next: Segment) {
    if (next === shown.current) return
    setSegment(next)
    // Whatever changed while the other segment was shown (a claim, stock running out) shows now.
    void (next === 'wallet' ? wallet.open() : center.reload())
  }

  // The center reloads itself on show; the wallet too when it is what the member sees.
  useDidShow(() => {
    if (shown.current === 'wallet') void wallet.refresh()
  })
  useReachBottom(() => {
    if (shown.current === 'wallet') void wallet.loadMore()
  })
  usePullDownRefresh(async () => {
    await (shown.current === 'wallet' ? wallet.refresh() : Promise.all([center.reload(), points.reload()]))
    Taro.stopPullDownRefresh()
  })

  return (
    <View className='page coupons'>
      <View className='coupons-segments'>
        {SEGMENTS.map(({ key, label }) => (
          <View key={key} className={`coupons-segment coupons-segment--${key}${segment === key ? ' coupons-segment--active' : ''}`} onClick={() => show(key)}>
            {label}
          </View>
        ))}
      </View>
      {segment === 'center' ? <CouponCenter center={center} points={points} taking={taking} /> : <Wallet wallet={wallet} onGoCenter={() => show('center')} />}
    </View>
  )
}
