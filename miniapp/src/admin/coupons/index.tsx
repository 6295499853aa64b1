import { useState } from 'react'
import { useReachBottom } from '@tarojs/taro'
import { View } from '@tarojs/components'
import type { AdminCouponTemplate } from '@siyu/shared/schemas/console'
import { api } from '@/api'
import { Button } from '@/components/ui'
import { useCursorPages } from '@/store/use-cursor-pages'
import { ConsoleShell } from '../components/console-shell'
import { Choices } from '../components/form-fields'
import { Cell, PagedList } from '../components/paged-list'
import { useStores } from '../lib/use-stores'
import { CouponForm } from './coupon-form'
import { TemplateRow } from './template-row'
import './index.scss'

type Tab = 'all' | 'active' | 'paused' | 'ended'
const TABS = [
  { value: 'all', label: '全部' },
  { value: 'active', label: '进行中' },
  { value: 'paused', label: '已暂停' },
  { value: 'ended', label: '已结束' },
] as const

/** 优惠券 (brand admins): templates with their stock and redemptions; create, raise stock, pause, end. */
export default function CouponsConsolePage() {
  return <ConsoleShell section='coupons'>{() => <Coupons />}</ConsoleShell>
}

function Coupons() {
  const [creating, setCreating] = useState(false)
  const stores = useStores()
  const list = useCursorPages<Tab, AdminCouponTemplate>({
    initialKey: 'all',
    fetchPage: (tab, cursor) => api.call('listCouponTemplatesAdmin', { query: { status: tab === 'all' ? undefined : tab, cursor: cursor ?? undefined } }),
    idOf: (t) => t.id,
  })
  useReachBottom(() => void list.loadMore())

  return (
    <View className='console-coupons'>
      <View className='console-toolbar'>
        <Choices name='console-coupon-tabs' options={TABS} isActive={(t) => t === list.key} onPick={list.setKey} />
        {creating ? null : (
          <Button className='console-coupon-new' type='primary' size='small' onClick={() => setCreating(true)}>
            新建优惠券
          </Button>
        )}
      </View>
      {creating ? (
        <CouponForm
          stores={stores.stores}
          storeNames={stores.nameOf}
          onCancel={() => setCreating(false)}
          onCreated={() => {
            setCreating(false)
            void list.refresh()
          }}
        />
      ) : null}
      <PagedList block='console-coupons' what='优惠券' list={list} empty={{ title: '暂无优惠券', description: list.key === 'all' ? '点击「新建优惠券」创建第一张券' : '这个状态下没有优惠券' }} head={<Head />}>
        {(t) => <TemplateRow key={t.id} template={t} storeNames={stores.nameOf} onChanged={list.refresh} />}
      </PagedList>
    </View>
  )
}

function Head() {
  return (
    <View className='console-cells console-coupon-row'>
      <Cell name='title' main>券</Cell>
      <Cell name='status'>状态</Cell>
      <Cell name='taken'>已领</Cell>
      <Cell name='left'>剩余</Cell>
      <Cell name='redeemed'>已核销</Cell>
      <Cell name='validity'>有效期</Cell>
      <Cell name='stores'>门店</Cell>
      <Cell name='actions'>操作</Cell>
    </View>
  )
}
