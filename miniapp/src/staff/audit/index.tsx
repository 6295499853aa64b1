import { useState } from 'react'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { Picker, Text, View } from '@tarojs/components'
import { shanghaiDate } from '@siyu/shared/rules/business-day'
import { EmptyState } from '@/components/empty-state'
import { ListFooter } from '@/components/list-footer'
import { CardSkeletons, LoadFailed } from '@/components/load-state'
import { Button } from '@/components/ui'
import { formatShanghaiTime } from '@/lib/datetime'
import { Field } from '../components/field'
import { StaffGate } from '../components/staff-gate'
import { STAFF_ID, auditActionLabel, auditFigures } from '../lib/audit-text'
import { useAudit, type AuditEntry, type AuditList } from './use-audit'
import '../staff.scss'
import './index.scss'

/** 操作记录 (managers): the store's immutable audit entries of a day, optionally of one staff member. */
export default function AuditPage() {
  return <StaffGate managersOnly>{() => <AuditLog />}</StaffGate>
}

function AuditLog() {
  const today = shanghaiDate(new Date())
  const audit = useAudit({ date: today, staffId: null })
  const { filter } = audit
  const [staffText, setStaffText] = useState('')
  const [staffError, setStaffError] = useState<string | null>(null)

  useReachBottom(() => void audit.loadMore())
  usePullDownRefresh(async () => {
    await audit.refresh()
    Taro.stopPullDownRefresh()
  })

  function applyStaff(value: string) {
    const staffId = value.trim()
    if (staffId && !STAFF_ID.test(staffId)) return setStaffError('员工编号格式不正确（m_ 开头）')
    setStaffError(null)
    setStaffText(staffId)
    audit.setFilter({ ...filter, staffId: staffId || null })
  }

  return (
    <View className='page staff staff-audit'>
      <Picker mode='date' className='staff-audit-date' value={filter.date} start='2020-01-01' end={today} onChange={(e) => audit.setFilter({ ...filter, date: String(e.detail.value) })}>
        <View className='staff-date'>
          <Text className='staff-date__label'>日期</Text>
          <Text className='staff-date__value'>{filter.date === today ? `今天 ${filter.date}` : filter.date} ▾</Text>
        </View>
      </Picker>
      <View className='card staff-audit-filter'>
        <Field name='staff-audit-staff' label='员工编号' value={staffText} placeholder='全部员工' error={staffError} onInput={setStaffText} />
        <View className='staff-audit-filter__actions'>
          <Button className='staff-audit-apply' size='small' type='primary' onClick={() => applyStaff(staffText)}>
            筛选
          </Button>
          {filter.staffId ? (
            <Button className='staff-audit-clear' size='small' onClick={() => applyStaff('')}>
              查看全部
            </Button>
          ) : null}
        </View>
      </View>
      <AuditEntries audit={audit} onStaff={applyStaff} />
    </View>
  )
}

function AuditEntries({ audit, onStaff }: { audit: AuditList; onStaff: (staffId: string) => void }) {
  if (audit.status === 'loading') return <CardSkeletons rows={[5]} />
  if (audit.status === 'error') {
    return <LoadFailed block='staff-audit' className='card' textClassName='staff-form-error__text' what='操作记录' error={audit.error} onRetry={audit.refresh} />
  }
  if (!audit.items.length) return <EmptyState className='staff-audit-empty' title='暂无操作记录' description='这一天没有符合条件的门店操作' />
  return (
    <View className='card staff-audit-list'>
      {audit.items.map((e) => (
        <Entry key={e.id} entry={e} onStaff={onStaff} />
      ))}
      <ListFooter className='staff-audit-footer' list={audit} />
    </View>
  )
}

function Entry({ entry: e, onStaff }: { entry: AuditEntry; onStaff: (staffId: string) => void }) {
  return (
    <View className={`staff-audit-entry staff-audit-entry--${e.action}`}>
      <View className='staff-audit-entry__head'>
        <Text className='staff-audit-entry__action'>{auditActionLabel(e.action)}</Text>
        <Text className='staff-audit-entry__figures'>{auditFigures(e)}</Text>
      </View>
      {e.orderId ? <Text className='staff-audit-entry__meta'>订单 {e.orderId}</Text> : null}
      <Text className='staff-audit-entry__meta staff-audit-entry__staff' onClick={() => onStaff(e.staffId)}>
        员工 {e.staffId}
      </Text>
      {e.memberId ? <Text className='staff-audit-entry__meta'>会员 {e.memberId}</Text> : null}
      <Text className='staff-audit-entry__time'>{formatShanghaiTime(e.at)}</Text>
    </View>
  )
}
