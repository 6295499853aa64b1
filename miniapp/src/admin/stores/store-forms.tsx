import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { CreateStoreRequest } from '@siyu/shared/schemas/staff'
import { UpdateStoreRequest } from '@siyu/shared/schemas/console'
import { api, messageFor } from '@/api'
import { Button } from '@/components/ui'
import { showSuccess } from '@/lib/feedback'
import { TextField } from '../components/form-fields'
import type { ConsoleStore } from '../lib/use-stores'

type StoreField = 'storeId' | 'name' | 'city'
type Errors = Partial<Record<StoreField, string>>

const MESSAGES: Record<StoreField, string> = {
  storeId: '编号为 1–40 位小写字母、数字或 -，以字母或数字开头',
  name: '请填写门店名称（最多 40 字）',
  city: '请填写城市（最多 20 字）',
}

/** Field errors of a store form from the server's schema, worded for people. */
function errorsOf(issues: readonly { path: readonly PropertyKey[] }[]): Errors {
  const errors: Errors = {}
  for (const { path } of issues) {
    const field = String(path[0]) as StoreField
    if (field in MESSAGES) errors[field] ??= MESSAGES[field]
  }
  return errors
}

/** 新建门店: 编号 (a slug, fixed once created), name and city. */
export function NewStoreForm({ onDone, onCancel }: { onDone: () => void; onCancel: () => void }) {
  const [form, setForm] = useState({ storeId: '', name: '', city: '' })
  const [errors, setErrors] = useState<Errors>({})
  const [failure, setFailure] = useState<string | null>(null)
  const [sending, setSending] = useState(false)

  async function submit() {
    const parsed = CreateStoreRequest.safeParse(form)
    setErrors(parsed.success ? {} : errorsOf(parsed.error.issues))
    setFailure(null)
    if (!parsed.success || sending) return
    setSending(true)
    try {
      await api.call('createStore', { body: parsed.data })
      showSuccess('门店已创建')
      onDone()
    } catch (err) {
      setFailure(messageFor(err))
    } finally {
      setSending(false)
    }
  }

  const set = (patch: Partial<typeof form>) => setForm((f) => ({ ...f, ...patch }))
  return (
    <View className='card console-store-form'>
      <Text className='card__title'>新建门店</Text>
      <TextField name='console-store-id' label='门店编号' placeholder='如 jingan-1' maxlength={40} hint='创建后不能修改' value={form.storeId} error={errors.storeId} onInput={(storeId) => set({ storeId: storeId.trim() })} />
      <TextField name='console-store-name' label='门店名称' maxlength={40} value={form.name} error={errors.name} onInput={(name) => set({ name })} />
      <TextField name='console-store-city' label='城市' maxlength={20} value={form.city} error={errors.city} onInput={(city) => set({ city })} />
      {failure ? <Text className='console-error console-store-form-error'>创建失败：{failure}</Text> : null}
      <View className='console-actions'>
        <Button className='console-store-submit' type='primary' loading={sending} onClick={() => void submit()}>
          创建
        </Button>
        <Button className='console-store-cancel' onClick={onCancel}>
          取消
        </Button>
      </View>
    </View>
  )
}

/** 编辑: a store's name and city; only what changed is sent. */
export function EditStoreForm({ store, onDone, onCancel }: { store: ConsoleStore; onDone: () => void; onCancel: () => void }) {
  const [form, setForm] = useState({ name: store.name, city: store.city })
  const [errors, setErrors] = useState<Errors>({})
  const [sending, setSending] = useState(false)
  const [failure, setFailure] = useState<string | null>(null)

  async function save() {
    const changed = { ...(form.name.trim() !== store.name ? { name: form.name } : {}), ...(form.city.trim() !== store.city ? { city: form.city } : {}) }
    if (!Object.keys(changed).length) return onCancel()
    const parsed = UpdateStoreRequest.safeParse(changed)
    setErrors(parsed.success ? {} : errorsOf(parsed.error.issues))
    if (!parsed.success || sending) return
    setSending(true)
    setFailure(null)
    try {
      await api.call('updateStore', { params: { storeId: store.storeId }, body: parsed.data })
      showSuccess('已保存')
      onDone()
    } catch (err) {
      setFailure(messageFor(err))
    } finally {
      setSending(false)
    }
  }

  return (
    <View className='console-store-edit-form'>
      <TextField name='console-store-edit-name' label='门店名称' maxlength={40} value={form.name} error={errors.name} onInput={(name) => setForm((f) => ({ ...f, name }))} />
      <TextField name='console-store-edit-city' label='城市' maxlength={20} value={form.city} error={errors.city} onInput={(city) => setForm((f) => ({ ...f, city }))} />
      {failure ? <Text className='console-error console-store-edit-error'>保存失败：{failure}</Text> : null}
      <View className='console-actions'>
        <Button className='console-store-save' size='small' type='primary' loading={sending} onClick={() => void save()}>
          保存
        </Button>
        <Button className='console-store-edit-cancel' size='small' onClick={onCancel}>
          取消
        </Button>
      </View>
    </View>
  )
}
