import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { MemberCard } from '@siyu/shared/schemas/member-code'
import type { TillAction } from '@siyu/shared/schemas/staff'
import { api } from '@/api'
import { orderIdError } from '../lib/ids'
import { money, parsePoints, redemptionStep, redemptionValueFen } from '../lib/money'
import { redeemPrompt } from '../lib/prompts'
import { retryUnanswered } from '../lib/retry'
import { redeemableMax, type TillRules } from '../lib/till-rules'
import type { TillSession } from '../lib/till-state'
import { useAction } from '../lib/use-action'
import { Field } from './field'
import { FormActions, TillFormError } from './form-parts'

interface Props {
  session: TillSession
  rules: TillRules
  onDone: (action: TillAction) => void
  onCancel: () => void
  onRecoded: (code: string, card: MemberCard) => void
}

/** 积分抵现: points off an order at the till's rate, within what the member has and the per-order cap. */
export function RedeemForm({ session, rules, onDone, onCancel, onRecoded }: Props) {
  const [orderId, setOrderId] = useState(session.orderId)
  const [points, setPoints] = useState('')
  const [errors, setErrors] = useState<{ orderId?: string | null; points?: string | null }>({})
  const action = useAction()
  const available = session.card.points.available
  const max = redeemableMax(available, rules)
  const perYuan = rules.redeemPointsPerYuan
  const step = redemptionStep(perYuan)
  const parsed = parsePoints(points, max, step)

  async function submit() {
    const id = orderId.trim()
    const idError = orderIdError(id)
    setErrors({ orderId: idError, points: parsed.ok ? null : parsed.message })
    if (idError || !parsed.ok) return
    const body = { memberCode: session.code, orderId: id, points: parsed.points }
    await action.run(async () => {
      const { confirm } = await Taro.showModal({ title: '确认积分抵现', content: redeemPrompt(id, parsed.points, perYuan), confirmText: '确认' })
      if (!confirm) return
      onDone(await retryUnanswered(() => api.call('redeemPoints', { body })))
    })
  }

  if (max < step) {
    return (
      <View className='card staff-form staff-redeem'>
        <Text className='card__title'>积分抵现</Text>
        <Text className='muted staff-redeem-none'>会员暂无可用积分</Text>
        <FormActions name='staff-redeem' label='确认抵现' busy={false} disabled onSubmit={() => undefined} onCancel={onCancel} />
      </View>
    )
  }
  return (
    <View className='card staff-form staff-redeem'>
      <Text className='card__title'>积分抵现</Text>
      <Field name='staff-order' label='订单号' value={orderId} maxlength={64} error={errors.orderId} onInput={setOrderId} />
      <Field
        name='staff-points'
        label='使用积分'
        type='number'
        value={points}
        placeholder={`最多 ${max}`}
        error={errors.points}
        suffix={
          <Text className='staff-points-all' onClick={() => setPoints(String(max - (max % step)))}>
            全部
          </Text>
        }
        hint={parsed.ok ? `可抵扣 ${money(redemptionValueFen(parsed.points, perYuan))}` : null}
        onInput={(value) => {
          setPoints(value)
          setErrors((e) => ({ ...e, points: null }))
        }}
      />
      <Text className='muted staff-redeem-rule'>
        {perYuan} 积分抵 1 元，每单最多 {rules.maxRedeemPointsPerOrder} 积分；会员可用 {available} 积分
      </Text>
      <TillFormError action={action} memberId={session.card.memberId} onRecoded={onRecoded} />
      <FormActions name='staff-redeem' label='确认抵现' busy={action.busy} onSubmit={() => void submit()} onCancel={onCancel} />
    </View>
  )
}
