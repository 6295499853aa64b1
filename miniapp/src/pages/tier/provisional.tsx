import { Text, View } from '@tarojs/components'
import { confirmText, PROVISIONAL_NOTE, provisionalGiftText } from '@/lib/tier-text'
import type { ProvisionalTier } from '@/store/tier'

/** 升级待确认: upgrades still inside their purchase's return window, when each is confirmed and what its gift waits for. */
export function ProvisionalUpgrades({ provisional, now }: { provisional: readonly ProvisionalTier[]; now: Date }) {
  if (provisional.length === 0) return null
  return (
    <View className='card tier-provisional'>
      <Text className='card__title'>升级待确认</Text>
      {provisional.map((p) => {
        const gift = provisionalGiftText(p)
        return (
          <View key={`${p.until}-${p.tier.code}`} className='tier-provisional-row'>
            <Text className='tier-provisional-row__when'>{`${p.tier.name}：${confirmText(p.until, now)}`}</Text>
            {gift ? <Text className='tier-provisional-row__gift'>{gift}</Text> : null}
          </View>
        )
      })}
      <Text className='muted tier-provisional__note'>{PROVISIONAL_NOTE}</Text>
    </View>
  )
}
