import { Text, View } from '@tarojs/components'
import type { RuleChange } from '@siyu/shared/schemas/console'
import { changeLine } from '@/lib/rules-notice'

/** Changed rules, one line each: 积分规则 › 每元积分：1 分 → 2 分. */
export function ChangeList({ changes, className }: { changes: readonly RuleChange[]; className: string }) {
  return (
    <View className={`console-rules-changes ${className}`}>
      {changes.map((c, i) => (
        // An item removed and one added may share a path (`tiers[2]`).
        <Text key={`${i}:${c.path}`} className={`console-rules-change ${className}__item`}>
          {changeLine(c)}
        </Text>
      ))}
    </View>
  )
}
