import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import type { ConsoleOperator } from '@siyu/shared/schemas/console'
import { Button } from '@/components/ui'
import { ConsoleShell } from '../components/console-shell'
import { useStores } from '../lib/use-stores'
import { InvitePanel } from './invite-panel'
import { StaffPanel } from './staff-panel'
import { NewStoreForm } from './store-forms'
import { StoreList } from './store-list'
import './index.scss'

/** 门店与员工: brand admins run every store and its staff; a manager sees their own store, read only. */
export default function StoresConsolePage() {
  return <ConsoleShell section='stores'>{(op) => <Stores op={op} />}</ConsoleShell>
}

function Stores({ op }: { op: ConsoleOperator }) {
  const admin = op.role === 'admin'
  const stores = useStores()
  const [creating, setCreating] = useState(false)
  const [picked, setPicked] = useState<string | null>(op.store?.id ?? null)
  // Until one is tapped: the manager's store, or the first of the list.
  const selected = stores.stores.find((s) => s.storeId === picked) ?? stores.stores[0] ?? null

  return (
    <View className='console-stores'>
      <View className='console-toolbar'>
        <Text className='console-stores__title'>门店</Text>
        {admin && !creating ? (
          <Button className='console-store-new' type='primary' size='small' onClick={() => setCreating(true)}>
            新建门店
          </Button>
        ) : null}
      </View>
      {creating ? (
        <NewStoreForm
          onCancel={() => setCreating(false)}
          onDone={() => {
            setCreating(false)
            void stores.reload()
          }}
        />
      ) : null}
      <View className='console-stores__layout'>
        <View className='console-stores__stores'>
          <StoreList stores={stores} selected={selected?.storeId ?? null} onSelect={setPicked} canEdit={admin} />
        </View>
        {selected ? (
          <View className='console-stores__staff'>
            <StaffPanel storeId={selected.storeId} storeName={selected.name} canEdit={admin} />
            {admin ? <InvitePanel key={selected.storeId} storeId={selected.storeId} storeName={selected.name} /> : null}
          </View>
        ) : null}
      </View>
    </View>
  )
}
