import { useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom, useShareAppMessage } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { useRequest } from '@/api'
import { CardSkeletons, LoadFailed } from '@/components/load-state'
import { shareTitle } from '@/lib/invite-text'
import { PAGES, shareLink } from '@/lib/nav'
import { useMyInvite, useMyReferrals } from '@/store/invite'
import { loadProgram } from '@/store/program'
import { useMember } from '@/store/use-member'
import { InviteCard } from './invite-card'
import { InviteeSection } from './invitees'
import { MilestoneCard, StatusCounts } from './progress'
import { InvitePoster } from './poster'
import './index.scss'

/** 邀请 tab: the member's invite code to share (button, link, poster), milestone progress and invitees. */
export default function InvitePage() {
  useMember()
  const invite = useMyInvite()
  const invitees = useMyReferrals()
  const program = useRequest(loadProgram, [], { silent: true })
  const [posterShown, setPosterShown] = useState(false)
  const brand = program.data?.brand.name ?? '会员中心'

  // Invitees buy at the till while this tab is hidden: each show brings the list up to date.
  useDidShow(() => {
    void invitees.open()
  })
  useReachBottom(() => {
    void invitees.loadMore()
  })
  usePullDownRefresh(async () => {
    await Promise.all([invite.reload(), invitees.refresh()])
    Taro.stopPullDownRefresh()
  })
  useShareAppMessage(() => {
    const data = invite.data
    return { title: data ? shareTitle(brand, data.rewards) : `邀你加入${brand}`, path: data?.sharePath ?? PAGES.welcome }
  })

  const { data, error } = invite
  if (!data) {
    return (
      <View className='page invite'>
        {error ? (
          <LoadFailed block='invite' layout='row' className='card' what='邀请信息' error={error} onRetry={invite.reload} />
        ) : (
          <CardSkeletons className='invite-loading' rows={[4, 2, 3]} />
        )}
      </View>
    )
  }

  const link = shareLink(data.sharePath)
  return (
    <View className='page invite'>
      <InviteCard invite={data} link={link} onPoster={() => setPosterShown(true)} />
      <MilestoneCard invite={data} />
      <StatusCounts counts={data.counts} />
      <InviteeSection list={invitees} rewards={data.rewards} />
      {posterShown ? <InvitePoster brand={brand} invite={data} link={link} onClose={() => setPosterShown(false)} /> : null}
    </View>
  )
}
