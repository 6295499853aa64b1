import { Text, View } from '@tarojs/components'
import { historyRow } from '@/lib/tier-text'
import type { TierChange, TierRung } from '@/store/tier'

/** 等级记录: each upgrade and review, newest first (as the API sends them). */
export function TierHistory({ history, ladder }: { history: readonly TierChange[]; ladder: readonly TierRung[] }) {
  return (
    <View className='card tier-history'>
      <Text className='card__title'>等级记录</Text>
      {history.length === 0 ? (
        <Text className='muted tier-history-empty'>暂无等级变动，消费累计达到门槛即自动升级</Text>
      ) : (
        history.map((change) => {
          const row = historyRow(change, ladder)
          return (
            <View key={`${change.at}-${change.reason}`} className={`tier-history-row tier-history-row--${change.reason}`}>
              <View className='tier-history-row__main'>
                <Text className='tier-history-row__change'>{row.change}</Text>
                <Text className='tier-history-row__date'>{row.date}</Text>
              </View>
              <Text className='tier-history-row__reason'>{row.reason}</Text>
            </View>
          )
        })
      )}
    </View>
  )
}
