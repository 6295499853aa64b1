import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { messageFor } from '@/api'
import { Button, Skeleton } from '@/components/ui'
import { memberDayText, windowMonths } from '@/lib/tier-text'
import { useMyTier } from '@/store/tier'
import { BenefitTable } from './benefits'
import { TierHistory } from './history'
import { TierCard } from './tier-card'
import './index.scss'

/** 会员等级: the member's tier and progress, the ladder's benefits, the member day and the tier's history. */
export default function TierPage() {
  const tier = useMyTier()

  usePullDownRefresh(async () => {
    await tier.reload()
    Taro.stopPullDownRefresh()
  })

  const { data, error } = tier
  if (!data) {
    return (
      <View className='page tier'>
        {error ? (
          <View className='card tier-error'>
            <Text className='tier-error__text'>会员等级加载失败：{messageFor(error)}</Text>
            <Button className='tier-retry' size='small' onClick={() => void tier.reload()}>
              重试
            </Button>
          </View>
        ) : (
          <View className='tier-loading'>
            <View className='card'>
              <Skeleton rows={3} animated />
            </View>
            <View className='card'>
              <Skeleton rows={5} animated />
            </View>
          </View>
        )}
      </View>
    )
  }

  const memberDay = memberDayText(data.memberDayWeekday)
  const current = data.ladder.findIndex((t) => t.code === data.tier.code)
  return (
    <View className='page tier'>
      <TierCard tier={data} level={Math.max(0, current)} />
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
