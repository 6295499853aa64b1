import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { TillAction } from '@siyu/shared/schemas/staff'
import { api } from '@/api'
import { newRefundId, orderIdError } from '../lib/ids'
import { parseYuan } from '../lib/money'
import { refundPrompt } from '../lib/prompts'
import { retryUnanswered } from '../lib/retry'
import { useAction } from '../lib/use-action'
import { Field } from './field'
import { FormActions, TillFormError } from './form-parts'

interface Props {
  onDone: (action: TillAction) => void
  onCancel: () => void
}

/**
 * 退款: (part of) an order, by its number; no member code needed. The refund number is proposed
 * once and kept across failures, so a retry cannot refund twice.
 */
export function RefundForm({ onDone, onCancel }: Props) {
  const [orderId, setOrderId] = useState('')
  const [refundId, setRefundId] = useState(() => newRefundId())
  const [amount, setAmount] = useState('')
  const [errors, setErrors] = useState<{ orderId?: string | null; refundId?: string | null; amount?: string | null }>({})
  const action = useAction()

  async function submit() {
    const order = orderId.trim()
    const refund = refundId.trim()
    const parsed = parseYuan(amount)
    const next = { orderId: orderIdError(order), refundId: orderIdError(refund, '退款单号'), amount: parsed.ok ? null : parsed.message }
    setErrors(next)
    if (next.orderId || next.refundId || !parsed.ok) return
    const body = { orderId: order, refundId: refund, amountFen: parsed.fen }
    await action.run(async () => {
      const { confirm } = await Taro.showModal({ title: '确认退款', content: refundPrompt(order, refund, parsed.fen), confirmText: '确认退款' })
      if (!confirm) return
      onDone(await retryUnanswered(() => api.call('recordRefund', { body })))
    })
  }

  return (
    <View className='card staff-form staff-refund'>
      <Text className='card__title'>退款</Text>
      <Text className='muted staff-refund__hint'>按原订单号退款，积分按退款金额比例扣回；无需会员码</Text>
      <Field name='staff-refund-order' label='原订单号' value={orderId} maxlength={64} placeholder='消费时的订单号' error={errors.orderId} onInput={setOrderId} />
      <Field name='staff-refund-id' label='退款单号' value={refundId} maxlength={64} error={errors.refundId} onInput={setRefundId} />
      <Field
        name='staff-refund-amount'
        label='退款金额'
        type='digit'
        value={amount}
        placeholder='0.00'
        error={errors.amount}
        suffix={<Text className='staff-field__unit'>元</Text>}
        onInput={(value) => {
          setAmount(value)
          setErrors((e) => ({ ...e, amount: null }))
        }}
      />
      <TillFormError action={action} />
      <FormActions name='staff-refund' label='确认退款' busy={action.busy} onSubmit={() => void submit()} onCancel={onCancel} />
    </View>
  )
}
