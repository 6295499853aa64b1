import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { RulesNotices } from '@/components/rules-notice'
import { Button, Skeleton } from '@/components/ui'
import { pointsRuleLines } from '@/lib/points-rules'
import { PAGES, goMemberCode, goTier } from '@/lib/nav'
import { useCheckinCalendar } from '@/store/checkins'
import { usePointsSummary } from '@/store/points'
import { useProgram } from '@/store/program'
import { useMyTier } from '@/store/tier'
import { useMember } from '@/store/use-member'
import { CheckinCard } from './checkin-card'
import { PointsCard } from './points-card'
import './index.scss'

export default function HomePage() {
  const { member, loading, reload: reloadMember } = useMember()
  const program = useProgram()
  const points = usePointsSummary()
  const calendar = useCheckinCalendar()
  // The badge only: shown once loaded, left out while loading or when the request fails.
  const tier = useMyTier()

  usePullDownRefresh(async () => {
    await Promise.all([reloadMember(), points.reload(), calendar.reload(), tier.reload(), program.data ? null : program.reload()])
    Taro.stopPullDownRefresh()
  })

  if (loading || program.loading) {
    return (
      <View className='page home home-loading'>
        <View className='card'>
          <Skeleton rows={2} animated />
        </View>
        <View className='card'>
          <Skeleton rows={3} animated />
        </View>
      </View>
    )
  }

  const rules = program.data
  const nickname = member?.nickname
  return (
    <View className='page home'>
      {/* Rule changes announced before they apply (the 30-day notice). */}
      <RulesNotices block='home-rules-notice' notices={rules?.notices} dismissable />
      <View className='card home__hello'>
        <View className='home__who'>
          <Text className='home-greeting'>{nickname ? `${nickname}，你好` : '你好'}</Text>
          {tier.data ? (
            <View className='home-tier' onClick={goTier}>
              <Text className='home-tier__name'>{tier.data.tier.name}</Text>
              <Text className='home-tier__more'>›</Text>
            </View>
          ) : null}
        </View>
        {rules ? <Text className='home-brand'>欢迎来到{rules.brand.name}</Text> : null}
        <View className='home__actions'>
          <Button className='home-member-code' size='small' type='primary' onClick={goMemberCode}>
            会员码
          </Button>
          {member && !nickname ? (
            <Button className='home-complete-profile' size='small' type='primary' fill='outline' onClick={() => void Taro.switchTab({ url: PAGES.profile })}>
              完善资料
            </Button>
          ) : null}
        </View>
      </View>

      <CheckinCard calendar={calendar} rules={rules?.checkin} onCheckedIn={points.reload} />
      {/* The two everyday rules; the points page has all of them. */}
      <PointsCard summary={points} rules={rules ? pointsRuleLines(rules, new Date()).slice(0, 2) : undefined} />
      {rules ? null : (
        <View className='card home-rules-error'>
          <Text className='muted'>会员规则暂时无法加载。</Text>
          <Button className='home-retry' size='small' onClick={() => void program.reload()}>
            重试
          </Button>
        </View>
      )}
    </View>
  )
}
