import { Text, View } from '@tarojs/components'
import { EmptyState } from '@/components/empty-state'
import { ListFooter } from '@/components/list-footer'
import { LoadFailed } from '@/components/load-state'
import { Skeleton } from '@/components/ui'
import { referralDateText, referralStatusText, referrerRewardText } from '@/lib/invite-text'
import { referralId, type MyInvite, type MyReferrals, type Referral } from '@/store/invite'

/** 我的邀请: the invitees, newest first, paged as the member scrolls. */
export function InviteeSection({ list, rewards }: { list: MyReferrals; rewards: MyInvite['rewards'] }) {
  return (
    <View className='card invite-list'>
      <Text className='card__title'>我的邀请</Text>
      <InviteeBody list={list} rewards={rewards} />
    </View>
  )
}

function InviteeBody({ list, rewards }: { list: MyReferrals; rewards: MyInvite['rewards'] }) {
  if (list.status === 'idle' || list.status === 'loading') {
    return (
      <View className='invite-list-loading'>
        <Skeleton rows={3} animated />
      </View>
    )
  }
  if (list.status === 'error') return <LoadFailed block='invite-list' layout='row' what='邀请记录' error={list.error} onRetry={list.refresh} />
  if (list.items.length === 0) {
    return <EmptyState className='invite-empty' title='还没有好友加入' description={`${referrerRewardText(rewards)}。`} />
  }
  return (
    <View className='invite-rows'>
      {list.items.map((r) => (
        <InviteeRow key={referralId(r)} referral={r} />
      ))}
      <ListFooter className='invite-list-footer' list={list} />
    </View>
  )
}

function InviteeRow({ referral }: { referral: Referral }) {
  return (
    <View className={`invite-row invite-row--${referral.status}`}>
      <View className='invite-row__main'>
        <Text className='invite-row-name'>{referral.name}</Text>
        <Text className='invite-row-date'>{referralDateText(referral)}</Text>
      </View>
      <Text className='invite-row-status'>{referralStatusText(referral)}</Text>
    </View>
  )
}
