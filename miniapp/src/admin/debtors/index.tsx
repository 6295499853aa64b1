import Taro, { useReachBottom } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { ConsoleDebtorsPage } from '@siyu/shared/schemas/console'
import { api } from '@/api'
import { useCursorPages } from '@/store/use-cursor-pages'
import { ConsoleShell } from '../components/console-shell'
import { Cell, PagedList } from '../components/paged-list'
import { count, formatShanghaiTime, personText } from '../lib/format'
import './index.scss'

type Debtor = ConsoleDebtorsPage['items'][number]

/** 欠扣 (brand admins): members whose clawbacks exceeded their balance; tap one to open them. */
export default function DebtorsConsolePage() {
  return <ConsoleShell section='debtors'>{() => <Debtors />}</ConsoleShell>
}

const openMember = (id: string) => void Taro.navigateTo({ url: `/admin/member/index?id=${encodeURIComponent(id)}` })

function Debtors() {
  const list = useCursorPages<'debtors', Debtor>({
    initialKey: 'debtors',
    fetchPage: (_, cursor) => api.call('getDebtors', { query: { cursor: cursor ?? undefined } }),
    idOf: (d) => d.member.id,
  })
  useReachBottom(() => void list.loadMore())
  return (
    <View className='console-debtors'>
      <Text className='console-debtors__hint'>积分被追回时余额不足的会员：欠扣的积分会从今后获得的积分中先行扣回。</Text>
      <PagedList block='console-debtors' what='欠扣会员' list={list} empty={{ title: '没有欠扣的会员', description: '所有追回的积分都已足额扣回' }} head={<Head />}>
        {(d) => (
          <View key={d.member.id} className='console-cells console-debtor-row' onClick={() => openMember(d.member.id)}>
            <Cell name='member' main>
              <Text className='console-debtor-row__member'>{personText(d.member)}</Text>
            </Cell>
            <Cell name='debt' label='欠扣'>
              <Text className='console-debtor-row__debt'>{count(d.debt)} 积分</Text>
            </Cell>
            <Cell name='available' label='可用'>
              <Text className='console-debtor-row__available'>{count(d.available)}</Text>
            </Cell>
            <Cell name='updated' label='更新于'>
              <Text className='console-debtor-row__updated'>{formatShanghaiTime(d.updatedAt)}</Text>
            </Cell>
          </View>
        )}
      </PagedList>
    </View>
  )
}

function Head() {
  return (
    <View className='console-cells console-debtor-row'>
      <Cell name='member' main>会员</Cell>
      <Cell name='debt'>欠扣</Cell>
      <Cell name='available'>可用</Cell>
      <Cell name='updated'>更新于</Cell>
    </View>
  )
}
