import type { AuditKind } from '@siyu/shared/schemas/console'
import { View } from '@tarojs/components'
import { Choices, DateInput, FieldRow } from '../components/form-fields'
import { MemberPicker } from '../components/member-picker'
import { StaffPicker } from '../components/staff-picker'
import type { ConsoleStore } from '../lib/use-stores'
import { KIND_LABELS, type AuditFilter } from './audit-text'

const ALL = '_all'
const KINDS = [{ value: ALL, label: '全部' }, ...(Object.entries(KIND_LABELS) as [AuditKind, string][]).map(([value, label]) => ({ value, label }))]

interface Props {
  filter: AuditFilter
  onChange: (filter: AuditFilter) => void
  today: string
  /** Brand admins choose a store (or all); a manager's is fixed. */
  stores: readonly ConsoleStore[] | null
  /** The store whose staff the staff picker offers (a manager's own, or the admin's choice). */
  staffStoreId: string | null
}

/** 操作记录's filters: date range, store, staff by name, member by search, kind. Every change reloads. */
export function AuditFilters({ filter, onChange, today, stores, staffStoreId }: Props) {
  const set = (patch: Partial<AuditFilter>) => onChange({ ...filter, ...patch })
  return (
    <View className='card console-audit-filters'>
      <FieldRow name='console-audit-dates' label='日期'>
        <View className='console-audit-dates__range'>
          <DateInput name='console-audit-from' value={filter.from} end={filter.to} onChange={(from) => set({ from, to: from > filter.to ? from : filter.to })} />
          <DateInput name='console-audit-to' value={filter.to} start={filter.from} end={today} onChange={(to) => set({ to, from: to < filter.from ? to : filter.from })} />
        </View>
      </FieldRow>
      {stores ? (
        <FieldRow name='console-audit-store-row' label='门店'>
          <Choices
            name='console-audit-store'
            options={[{ value: ALL, label: '全部门店' }, ...stores.map((s) => ({ value: s.storeId, label: s.name }))]}
            isActive={(id) => (id === ALL ? !filter.storeId : filter.storeId === id)}
            // Another store has other staff: the staff filter starts again.
            onPick={(id) => set({ storeId: id === ALL ? null : id, staff: null })}
          />
        </FieldRow>
      ) : null}
      <FieldRow name='console-audit-staff-row' label='员工'>
        <StaffPicker name='console-audit-staff' storeId={staffStoreId} value={filter.staff} onChange={(staff) => set({ staff })} />
      </FieldRow>
      <FieldRow name='console-audit-member-row' label='会员'>
        <MemberPicker name='console-audit-member' value={filter.member} onChange={(member) => set({ member })} />
      </FieldRow>
      <FieldRow name='console-audit-kind-row' label='类型'>
        <Choices name='console-audit-kind' options={KINDS} isActive={(k) => (k === ALL ? !filter.kind : filter.kind === k)} onPick={(k) => set({ kind: k === ALL ? null : (k as AuditKind) })} />
      </FieldRow>
    </View>
  )
}
