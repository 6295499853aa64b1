import type { ReactNode } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { ConsoleOperator } from '@siyu/shared/schemas/console'
import { EmptyState } from '@/components/empty-state'
import { LoadFailed } from '@/components/load-state'
import { Button, Skeleton } from '@/components/ui'
import { goProfile } from '@/lib/nav'
import { sectionOf, sectionsFor, type SectionKey } from '../lib/sections'
import { useOperator } from '../lib/use-operator'
import '../console.scss'

interface Props {
  section: SectionKey
  children: (operator: ConsoleOperator) => ReactNode
}

/**
 * Every console page: the caller is checked against the server's answer (`GET /v1/admin/me`), the
 * navigation shows the sections their role may open (a sidebar at desktop width, a strip of tabs
 * on a phone), and a brand-wide page reached by a manager shows 无权限 (the server refuses its
 * routes as well).
 */
export function ConsoleShell({ section, children }: Props) {
  const { operator, loading, error, reload } = useOperator()
  const current = sectionOf(section)
  if (!operator) {
    if (error && (error.status === 403 || error.status === 401)) return <Denied description='品牌后台仅限品牌管理员和店长使用。' />
    return (
      <View className='console console--loading'>
        <View className='console-main'>
          <View className='card'>{loading || !error ? <Skeleton rows={4} animated /> : <LoadFailed block='console-shell' error={error} onRetry={reload} />}</View>
        </View>
      </View>
    )
  }
  if (current.adminOnly && operator.role !== 'admin') return <Denied description={`「${current.title}」仅限品牌管理员使用，店长可查看本门店的概览、会员、员工和操作记录。`} />
  return (
    <View className='console'>
      <View className='console-nav'>
        <View className='console-nav__brand'>
          <Text className='console-nav__title'>品牌后台</Text>
          <Text className='console-nav__who'>
            {operator.operator.name} · {operator.role === 'admin' ? '品牌管理员' : `店长 · ${operator.store?.name ?? ''}`}
          </Text>
        </View>
        <View className='console-nav__items'>
          {sectionsFor(operator.role).map((s) => (
            <View
              key={s.key}
              className={`console-nav__item console-nav__item--${s.key}${s.key === section ? ' console-nav__item--active' : ''}`}
              onClick={() => s.key !== section && void Taro.redirectTo({ url: s.path })}
            >
              <Text>{s.title}</Text>
            </View>
          ))}
        </View>
      </View>
      <View className={`console-main console-${section}`}>
        <Text className='console-main__title'>{current.title}</Text>
        {children(operator)}
      </View>
    </View>
  )
}

function Denied({ description }: { description: string }) {
  return (
    <View className='console console--denied'>
      <View className='console-main'>
        <EmptyState className='console-denied' title='无权限' description={description}>
          <Button className='console-denied-back' size='small' onClick={goProfile}>
            返回我的
          </Button>
        </EmptyState>
      </View>
    </View>
  )
}
