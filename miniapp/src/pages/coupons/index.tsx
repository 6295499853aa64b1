import { View } from '@tarojs/components'
import { EmptyState } from '@/components/empty-state'
import { useMember } from '@/store/use-member'

export default function CouponsPage() {
  useMember()
  return (
    <View className='page coupons'>
      <EmptyState className='coupons-empty' title='暂无可领取的优惠券' description='领券中心即将上线，新的优惠券会在这里发布。' />
    </View>
  )
}
