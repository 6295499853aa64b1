import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Skeleton } from '@/components/ui'
import { pointsRuleLines } from '@/lib/points-rules'
import { PAGES } from '@/lib/nav'
import { usePointsSummary } from '@/store/points'
import { useProgram } from '@/store/program'
import { useMember } from '@/store/use-member'
import { PointsCard } from './points-card'
import './index.scss'

export default function HomePage() {
  const { member, loading } = useMember()
  const program = useProgram()
  const points = usePointsSummary()

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
      <View className='card home__hello'>
        <Text className='home-greeting'>{nickname ? `${nickname}，你好` : '你好'}</Text>
        {rules ? <Text className='home-brand'>欢迎来到{rules.brand.name}</Text> : null}
        {member && !nickname ? (
          <Button className='home-complete-profile' size='small' type='primary' fill='outline' onClick={() => void Taro.switchTab({ url: PAGES.profile })}>
            完善资料
          </Button>
        ) : null}
      </View>

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
