import { useState } from 'react'
import { useReachBottom } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { shanghaiDate } from '@siyu/shared/rules/business-day'
import type { ConsoleAuditEntry, ConsoleOperator } from '@siyu/shared/schemas/console'
import { api } from '@/api'
import { useCursorPages } from '@/store/use-cursor-pages'
import { ConsoleShell } from '../components/console-shell'
import { Cell, PagedList } from '../components/paged-list'
import { formatShanghaiTime, personText, storeText } from '../lib/format'
import { useStores } from '../lib/use-stores'
import { AuditFilters } from './audit-filters'
import { auditQuery, entryFigures, lastWeek, type AuditFilter } from './audit-text'
import './index.scss'

/** 操作记录: the audit trail of the brand (admins) or of the manager's store, filtered, by names. */
export default function AuditConsolePage() {
  return <ConsoleShell section='audit'>{(op) => <Audit op={op} />}</ConsoleShell>
}

function Audit({ op }: { op: ConsoleOperator }) {
  const admin = op.role === 'admin'
  const [today] = useState(() => shanghaiDate(new Date()))
  const stores = useStores()
  const list = useCursorPages<AuditFilter, ConsoleAuditEntry>({
    initialKey: { ...lastWeek(new Date()), storeId: null, staff: null, member: null, kind: null },
    fetchPage: (filter, cursor) => api.call('listConsoleAudit', { query: auditQuery(filter, cursor) }),
    idOf: (e) => e.id,
  })
  useReachBottom(() => void list.loadMore())
  const filter = list.key

  return (
    <View className='console-audit'>
      <AuditFilters
        filter={filter}
        onChange={list.setKey}
        today={today}
        stores={admin ? stores.stores : null}
        staffStoreId={admin ? filter.storeId : (op.store?.id ?? null)}
      />
      {!admin && op.store ? <Text className='console-audit__scope'>仅显示 {op.store.name} 的操作记录</Text> : null}
      <PagedList block='console-audit' what='操作记录' list={list} empty={{ title: '暂无操作记录', description: '这段时间没有符合条件的操作' }} head={<Head />}>
        {(e) => <Entry key={e.id} entry={e} />}
      </PagedList>
    </View>
  )
}

function Head() {
  return (
    <View className='console-cells console-audit-row'>
      <Cell name='time'>时间</Cell>
      <Cell name='action' main>操作</Cell>
      <Cell name='operator'>操作人</Cell>
      <Cell name='store'>门店</Cell>
      <Cell name='member'>会员</Cell>
      <Cell name='figures'>金额 / 积分</Cell>
      <Cell name='detail'>说明</Cell>
    </View>
  )
}

function Entry({ entry: e }: { entry: ConsoleAuditEntry }) {
  const figures = entryFigures(e)
  return (
    <View className={`console-cells console-audit-row console-audit-entry console-audit-entry--${e.kind}`}>
      <Cell name='time'>
        <Text className='console-audit-entry__time'>{formatShanghaiTime(e.at)}</Text>
      </Cell>
      <Cell name='action' main>
        <Text className='console-audit-entry__action'>{e.actionLabel}</Text>
      </Cell>
      <Cell name='operator' label='操作人'>
        <Text className='console-audit-entry__operator'>{personText(e.operator)}</Text>
      </Cell>
      <Cell name='store' label='门店'>
        <Text className='console-audit-entry__store'>{storeText(e.store)}</Text>
      </Cell>
      <Cell name='member' label='会员'>
        <Text className='console-audit-entry__member'>{e.member ? personText(e.member) : '—'}</Text>
      </Cell>
      <Cell name='figures'>
        <Text className='console-audit-entry__figures'>{figures ?? ''}</Text>
      </Cell>
      <Cell name='detail'>
        <Text className='console-audit-entry__detail'>{[e.orderId ? `订单 ${e.orderId}` : null, e.detail].filter(Boolean).join(' · ')}</Text>
      </Cell>
    </View>
  )
}
