import { View } from '@tarojs/components'
import { EmptyState } from '@/components/empty-state'
import { useMember } from '@/store/use-member'

export default function InvitePage() {
  useMember()
  return (
    <View className='page invite'>
      <EmptyState className='invite-empty' title='暂无邀请记录' description='邀请好友功能即将上线，届时可以在这里查看邀请进度和奖励。' />
    </View>
  )
}
