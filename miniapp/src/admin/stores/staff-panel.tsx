import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import type { StaffRow } from '@siyu/shared/schemas/console'
import { api } from '@/api'
import { Button } from '@/components/ui'
import { showError, showSuccess } from '@/lib/feedback'
import { useCursorPages } from '@/store/use-cursor-pages'
import { Cell, PagedList } from '../components/paged-list'
import { confirmAction } from '../lib/confirm'
import { formatShanghaiTime, personText } from '../lib/format'

export const ROLE_TEXT = { clerk: '店员', manager: '店长' } as const

/** A store's staff: name · phone, role, 已停用, since; brand admins disable and restore. */
export function StaffPanel({ storeId, storeName, canEdit }: { storeId: string; storeName: string; canEdit: boolean }) {
  const list = useCursorPages<string, StaffRow>({
    initialKey: storeId,
    fetchPage: (id, cursor) => api.call('listStaff', { query: { storeId: id, cursor: cursor ?? undefined } }),
    idOf: (row) => row.person.id,
  })
  const { setKey } = list
  useEffect(() => setKey(storeId), [storeId, setKey])

  return (
    <View className='console-staff'>
      <Text className='console-staff__title'>{storeName} · 员工</Text>
      <PagedList block='console-staff' what='员工' list={list} empty={{ title: '这家门店还没有员工', description: canEdit ? '生成邀请码，请员工绑定' : undefined }}>
        {(row) => <StaffLine key={row.person.id} row={row} canEdit={canEdit} onChanged={list.refresh} />}
      </PagedList>
    </View>
  )
}

function StaffLine({ row, canEdit, onChanged }: { row: StaffRow; canEdit: boolean; onChanged: () => Promise<void> }) {
  const [busy, setBusy] = useState(false)
  const name = personText(row.person)

  async function toggle() {
    const sure = row.disabled
      ? await confirmAction('恢复员工权限', `恢复后 ${name} 可以重新以${ROLE_TEXT[row.role]}身份收银。`, '恢复')
      : await confirmAction('停用员工', `停用后 ${name} 立即失去${ROLE_TEXT[row.role]}权限（已登录的设备也一样），可随时恢复。`, '停用')
    if (!sure) return
    setBusy(true)
    try {
      const params = { memberId: row.person.id }
      await (row.disabled ? api.call('restoreStaff', { params }) : api.call('disableStaff', { params }))
      showSuccess(row.disabled ? '已恢复' : '已停用')
      await onChanged()
    } catch (err) {
      showError(err)
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className={`console-cells console-staff-row${row.disabled ? ' console-staff-row--disabled' : ''}`}>
      <Cell name='person' main>
        <Text className='console-staff-row__name'>{name}</Text>
      </Cell>
      <Cell name='role'>
        <Text className='console-staff-row__role'>{ROLE_TEXT[row.role]}</Text>
        {row.disabled ? <Text className='console-status console-status--disabled console-staff-row__disabled'>已停用</Text> : null}
      </Cell>
      <Cell name='since' label='加入于'>
        <Text className='console-staff-row__since'>{formatShanghaiTime(row.since).slice(0, 10)}</Text>
      </Cell>
      {canEdit ? (
        <Cell name='actions'>
          <Button className={row.disabled ? 'console-staff-restore' : 'console-staff-disable'} size='small' disabled={busy} onClick={() => void toggle()}>
            {row.disabled ? '恢复' : '停用'}
          </Button>
        </Cell>
      ) : null}
    </View>
  )
}
