import { useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import type { CouponTemplate } from '@siyu/shared/schemas/coupons'
import { api, messageFor } from '@/api'
import { Button } from '@/components/ui'
import { showSuccess } from '@/lib/feedback'
import { newIdempotencyKey, withIdempotencyKey } from '@/lib/idempotency'
import { TextField } from '../components/form-fields'
import type { ConsoleStore } from '../lib/use-stores'
import { EMPTY_DRAFT, checkDraft, type CouponDraft } from './coupon-draft'
import { CouponPreview } from './coupon-preview'
import { BenefitFields, ReachFields, ValidityFields } from './draft-fields'

interface Props {
  stores: readonly ConsoleStore[]
  storeNames: (id: string) => string
  onCreated: (template: CouponTemplate) => void
  onCancel: () => void
}

/**
 * 新建优惠券: the form, checked with the server's own schema (errors by field once submit was
 * tried, then as the operator types), beside a live preview of the member's card.
 */
export function CouponForm({ stores, storeNames, onCreated, onCancel }: Props) {
  const [draft, setDraft] = useState<CouponDraft>(EMPTY_DRAFT)
  const [tried, setTried] = useState(false)
  const [sending, setSending] = useState(false)
  const [failure, setFailure] = useState<string | null>(null)
  // One key per payload: tapping again after a lost answer replays; any edit makes a new action.
  const key = useRef<string | null>(null)
  const checked = checkDraft(draft)
  const errors = tried && !checked.ok ? checked.errors : {}

  function set(patch: Partial<CouponDraft>) {
    key.current = null
    setDraft((d) => ({ ...d, ...patch }))
  }

  async function submit() {
    setTried(true)
    setFailure(null)
    if (!checked.ok || sending) return
    setSending(true)
    key.current ??= newIdempotencyKey()
    try {
      const body = checked.input
      const created = await withIdempotencyKey((k) => api.call('createCouponTemplate', { body, headers: { 'Idempotency-Key': k } }), { key: key.current })
      showSuccess('已创建')
      onCreated(created)
    } catch (err) {
      setFailure(messageFor(err))
    } finally {
      setSending(false)
    }
  }

  const props = { draft, errors, set }
  return (
    <View className='card console-coupon-form'>
      <Text className='card__title'>新建优惠券</Text>
      <View className='console-coupon-form__layout'>
        <View className='console-coupon-form__fields'>
          <TextField name='console-coupon-title' label='券名称' maxlength={40} placeholder='如 新人满减券' value={draft.title} error={errors.title} onInput={(title) => set({ title })} />
          <BenefitFields {...props} />
          <TextField name='console-coupon-description' label='说明（选填）' maxlength={200} value={draft.description} error={errors.description} onInput={(description) => set({ description })} />
          <TextField name='console-coupon-stock' label='发放总量' type='number' unit='张' value={draft.stock} error={errors.stock} onInput={(stock) => set({ stock })} />
          <TextField name='console-coupon-limit' label='每人限领' type='number' unit='张' value={draft.limit} error={errors.limit} onInput={(limit) => set({ limit })} />
          <ValidityFields {...props} />
          <ReachFields {...props} stores={stores} />
        </View>
        <View className='console-coupon-form__preview'>
          <Text className='console-coupon-form__preview-title'>会员看到的券</Text>
          <CouponPreview draft={draft} storeNames={storeNames} />
        </View>
      </View>
      {tried && !checked.ok ? <Text className='console-error console-coupon-invalid'>请按提示修改标红的项</Text> : null}
      {failure ? <Text className='console-error console-coupon-form-error'>创建失败：{failure}</Text> : null}
      <View className='console-actions'>
        <Button className='console-coupon-submit' type='primary' loading={sending} onClick={() => void submit()}>
          创建
        </Button>
        <Button className='console-coupon-cancel' onClick={onCancel}>
          取消
        </Button>
      </View>
    </View>
  )
}
