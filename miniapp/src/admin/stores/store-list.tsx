import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { api } from '@/api'
import { EmptyState } from '@/components/empty-state'
import { CardSkeletons, LoadFailed } from '@/components/load-state'
import { Button } from '@/components/ui'
import { showError, showSuccess } from '@/lib/feedback'
import { Cell } from '../components/paged-list'
import { confirmAction } from '../lib/confirm'
import type { ConsoleStore, useStores } from '../lib/use-stores'
import { EditStoreForm } from './store-forms'

interface Props {
  stores: ReturnType<typeof useStores>
  selected: string | null
  onSelect: (storeId: string) => void
  /** Brand admins edit stores; a manager only reads their own. */
  canEdit: boolean
}

/** The stores: name, city, 营业中 / 已停业; tap one to see its staff. */
export function StoreList({ stores, selected, onSelect, canEdit }: Props) {
  if (!stores.data) {
    if (stores.error) return <LoadFailed block='console-stores' className='card' layout='row' what='门店' error={stores.error} onRetry={stores.reload} />
    return <CardSkeletons className='console-stores-loading' rows={[4]} />
  }
  if (!stores.stores.length) return <EmptyState className='console-stores-empty' title='还没有门店' description={canEdit ? '点击「新建门店」添加第一家门店' : undefined} />
  return (
    <View className='card console-list console-stores-list'>
      {stores.stores.map((s) => (
        <StoreRow key={s.storeId} store={s} selected={s.storeId === selected} canEdit={canEdit} onSelect={() => onSelect(s.storeId)} onChanged={stores.reload} />
      ))}
    </View>
  )
}

function StoreRow({ store: s, selected, canEdit, onSelect, onChanged }: { store: ConsoleStore; selected: boolean; canEdit: boolean; onSelect: () => void; onChanged: () => Promise<void> }) {
  const [editing, setEditing] = useState(false)
  const [busy, setBusy] = useState(false)

  async function toggle() {
    const sure = s.open
      ? await confirmAction('设为停业', `「${s.name}」停业后，店员不能再为会员记录消费或积分抵扣，可随时恢复营业。`, '停业')
      : await confirmAction('恢复营业', `「${s.name}」恢复营业后，店员可以照常收银。`, '恢复营业')
    if (!sure) return
    setBusy(true)
    try {
      await api.call('updateStore', { params: { storeId: s.storeId }, body: { open: !s.open } })
      showSuccess(s.open ? '已停业' : '已恢复营业')
      await onChanged()
    } catch (err) {
      showError(err)
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className={`console-store-row${selected ? ' console-store-row--selected' : ''}`}>
      <View className='console-cells' onClick={onSelect}>
        <Cell name='name' main>
          <Text className='console-store-row__name'>{s.name}</Text>
        </Cell>
        <Cell name='city' label='城市'>
          <Text className='console-store-row__city'>{s.city}</Text>
        </Cell>
        <Cell name='status'>
          <Text className={`console-status console-status--${s.open ? 'open' : 'closed'} console-store-row__status`}>{s.open ? '营业中' : '已停业'}</Text>
        </Cell>
        <Cell name='staff'>
          <Text className='console-store-row__pick'>{selected ? '员工 ▸' : '查看员工'}</Text>
        </Cell>
      </View>
      {canEdit && !editing ? (
        <View className='console-row-actions console-store-row__actions'>
          <Button className='console-store-edit' size='small' onClick={() => setEditing(true)}>
            编辑
          </Button>
          <Button className='console-store-toggle' size='small' disabled={busy} onClick={() => void toggle()}>
            {s.open ? '设为停业' : '恢复营业'}
          </Button>
        </View>
      ) : null}
      {canEdit && editing ? (
        <EditStoreForm
          store={s}
          onCancel={() => setEditing(false)}
          onDone={() => {
            setEditing(false)
            void onChanged()
          }}
        />
      ) : null}
    </View>
  )
}
