import { Text, View } from '@tarojs/components'
import { growthText, keepText, nextTierText, progressPercent } from '@/lib/tier-text'
import type { MyTier } from '@/store/tier'

/** The tier as a card: its name (marked while not yet confirmed), the bar toward the next tier, what keeps it, the growth that counts. */
export function TierCard({ tier, level }: { tier: MyTier; level: number }) {
  const percent = progressPercent(tier.growthFen, tier.next)
  const keep = keepText(tier.keep)
  // The tier itself is still provisional (the newest upgrade not yet confirmed).
  const pending = tier.provisional.some((p) => p.tier.code === tier.tier.code)
  return (
    <View className={`tier-card tier-card--level-${Math.min(level, 3)}`}>
      <Text className='tier-card__caption'>当前等级</Text>
      <View className='tier-card__title'>
        <Text className='tier-name'>{tier.tier.name}</Text>
        {pending ? <Text className='tier-card__pending'>待确认</Text> : null}
      </View>
      <View className='tier-progress'>
        <View className='tier-progress__bar' style={{ width: `${percent}%` }} />
      </View>
      <Text className='tier-next'>{nextTierText(tier.next)}</Text>
      {keep ? <Text className={`tier-keep${tier.keep?.needFen === 0 ? ' tier-keep--done' : ''}`}>{keep}</Text> : null}
      <Text className='tier-growth'>{growthText(tier.growthFen, tier.window)}</Text>
    </View>
  )
}
