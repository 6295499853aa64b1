import { Text, View } from '@tarojs/components'
import type { PersonRef } from '@siyu/shared/schemas/console'
import { api, useRequest } from '@/api'
import { Choices } from './form-fields'

const ANY = '_any'

interface Props {
  /** Classes: the picker `{name}`, each option `{name}__option` (`--{memberId}`, `--_any` for everyone). */
  name: string
  /** The store whose staff to offer; null: every store's (brand admins). */
  storeId: string | null
  value: PersonRef | null
  onChange: (staff: PersonRef | null) => void
}

/** Picks one staff member by name from the store's staff list (or everyone). */
export function StaffPicker({ name, storeId, value, onChange }: Props) {
  const staff = useRequest(() => api.call('listStaff', { query: { storeId: storeId ?? undefined, limit: 100 } }), [storeId], { silent: true })
  if (staff.error) {
    return (
      <View className={`${name} ${name}--failed`}>
        <Text className='console-field__error'>员工列表加载失败</Text>
        <Text className={`console-link ${name}-retry`} onClick={() => void staff.reload()}>
          重试
        </Text>
      </View>
    )
  }
  if (!staff.data) return <Text className={`console-field__hint ${name} ${name}--loading`}>员工加载中…</Text>
  const rows = staff.data.items
  const options = [{ value: ANY, label: '全部员工' }, ...rows.map((r) => ({ value: r.person.id, label: storeId ? r.person.name : `${r.person.name}（${r.store.name}）` }))]
  return (
    <Choices
      name={name}
      options={options}
      isActive={(id) => (id === ANY ? !value : value?.id === id)}
      onPick={(id) => onChange(id === ANY ? null : rows.find((r) => r.person.id === id)?.person ?? null)}
    />
  )
}
