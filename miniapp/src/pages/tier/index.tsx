import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { CardSkeletons, LoadFailed } from '@/components/load-state'
import { memberDayText, windowMonths } from '@/lib/tier-text'
import { systemClock, useNow, type Clock } from '@/lib/use-now'
import { useMyTier } from '@/store/tier'
import { BenefitTable } from './benefits'
import { TierHistory } from './history'
import { ProvisionalUpgrades } from './provisional'
import { TierCard } from './tier-card'
import './index.scss'

/** 会员等级: the member's tier and progress, upgrades awaiting confirmation, the ladder's benefits, the member day and the tier's history. */
export default function TierPage({ clock = systemClock }: { clock?: Clock }) {
  const tier = useMyTier()
  const now = useNow(clock, 60_000)

  usePullDownRefresh(async () => {
    await tier.reload()
    Taro.stopPullDownRefresh()
  })

  const { data, error } = tier
  if (!data) {
    return (
      <View className='page tier'>
        {error ? (
          <LoadFailed block='tier' layout='row' className='card' what='会员等级' error={error} onRetry={tier.reload} />
        ) : (
          <CardSkeletons className='tier-loading' rows={[3, 5]} />
        )}
      </View>
    )
  }

  const memberDay = memberDayText(data.memberDayWeekday)
  const current = data.ladder.findIndex((t) => t.code === data.tier.code)
  return (
    <View className='page tier'>
      <TierCard tier={data} level={Math.max(0, current)} />
      <ProvisionalUpgrades provisional={data.provisional} now={now} />
      {memberDay ? (
        <View className='card tier-member-day'>
          <Text className='tier-member-day__badge'>会员日</Text>
          <Text className='tier-member-day__text'>{memberDay}，消费额外加送积分</Text>
        </View>
      ) : null}
      <BenefitTable ladder={data.ladder} current={data.tier.code} memberDay={memberDay !== null} months={windowMonths(data.window)} />
      <TierHistory history={data.history} ladder={data.ladder} />
    </View>
  )
}
