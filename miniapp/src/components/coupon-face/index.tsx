import { Text, View } from '@tarojs/components'
import type { CouponBenefit } from '@siyu/shared/schemas/coupons'
import { benefitFace } from '@/lib/coupon-text'
import './index.scss'

/** The coupon's stub: the big figure (¥20, 9 折, 兑) and its condition; grey when no longer usable. */
export function CouponFace({ benefit, muted = false }: { benefit: CouponBenefit; muted?: boolean }) {
  const face = benefitFace(benefit)
  const money = face.unit === '元'
  return (
    <View className={`coupon-face${muted ? ' coupon-face--muted' : ''}`}>
      <View className='coupon-face__figure'>
        {money ? <Text className='coupon-face__currency'>¥</Text> : null}
        <Text className='coupon-face__value'>{face.value}</Text>
        {face.unit && !money ? <Text className='coupon-face__unit'>{face.unit}</Text> : null}
      </View>
      <Text className='coupon-face__note'>{face.note}</Text>
    </View>
  )
}
