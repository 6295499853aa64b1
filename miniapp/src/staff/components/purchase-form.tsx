import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { MemberCard } from '@siyu/shared/schemas/member-code'
import type { TillAction } from '@siyu/shared/schemas/staff'
import { api } from '@/api'
import { orderIdError } from '../lib/ids'
import { expectedPoints, money, parseYuan } from '../lib/money'
import { purchasePrompt } from '../lib/prompts'
import { retryUnanswered } from '../lib/retry'
import type { TillSession } from '../lib/till-state'
import { useAction } from '../lib/use-action'
import { useCouponHold } from '../lib/use-coupon-hold'
import { Field } from './field'
import { FormActions, TillFormError } from './form-parts'

interface Props {
  session: TillSession
  onDone: (action: TillAction) => void
  onCancel: () => void
  onRecoded: (code: string, card: MemberCard) => void
}

/** The discount the held coupon gives, for the amount and coupon it was held with. */
interface Quote {
  code: string
  amountFen: number
  discountFen: number
  giftName: string | null
}

/**
 * 记录消费: order number, amount, optionally one of the member's coupons (held first, to show
 * its discount), a confirmation, then the purchase. The order number stays as typed across
 * failures, so a retry resends the same one.
 */
export function PurchaseForm({ session, onDone, onCancel, onRecoded }: Props) {
  const [orderId, setOrderId] = useState(session.orderId)
  const [amount, setAmount] = useState('')
  const [coupon, setCoupon] = useState<string | null>(null)
  const [quote, setQuote] = useState<Quote | null>(null)
  const [errors, setErrors] = useState<{ orderId?: string | null; amount?: string | null }>({})
  const holds = useCouponHold()
  const action = useAction()
  const parsed = parseYuan(amount)
  const shownQuote = quote && parsed.ok && quote.code === coupon && quote.amountFen === parsed.fen ? quote : null

  async function submit() {
    const id = orderId.trim()
    const idError = orderIdError(id)
    setErrors({ orderId: idError, amount: parsed.ok ? null : parsed.message })
    if (idError || !parsed.ok) return
    const amountFen = parsed.fen
    await action.run(async () => {
      const held = coupon ? await holds.hold(coupon, id, amountFen) : await holds.release().then(() => null)
      if (held && coupon) setQuote({ code: coupon, amountFen, discountFen: held.discountFen, giftName: held.giftName })
      const discountFen = held?.discountFen ?? 0
      const draft = { orderId: id, amountFen, discountFen, giftName: held?.giftName ?? null, points: expectedPoints(amountFen - discountFen, session.card.earning) }
      const { confirm } = await Taro.showModal({ title: '确认记录消费', content: purchasePrompt(draft), confirmText: '确认' })
      if (!confirm) return holds.release()
      const body = { memberCode: session.code, orderId: id, amountFen, ...(coupon ? { couponCode: coupon } : {}) }
      const done = await retryUnanswered(() => api.call('recordPurchase', { body }))
      holds.forget()
      onDone(done)
    })
  }

  const paid = parsed.ok ? parsed.fen - (shownQuote?.discountFen ?? 0) : null
  return (
    <View className='card staff-form staff-purchase'>
      <Text className='card__title'>记录消费</Text>
      <Field name='staff-order' label='订单号' value={orderId} maxlength={64} error={errors.orderId} onInput={setOrderId} />
      <Field
        name='staff-amount'
        label='订单金额'
        type='digit'
        value={amount}
        placeholder='0.00'
        error={errors.amount}
        suffix={<Text className='staff-field__unit'>元</Text>}
        hint={paid !== null ? `实付 ${money(paid)}，预计 +${expectedPoints(paid, session.card.earning)} 积分（待生效）` : null}
        onInput={(value) => {
          setAmount(value)
          setErrors((e) => ({ ...e, amount: null }))
        }}
      />
      <CouponPicker coupons={session.card.coupons} selected={coupon} onSelect={setCoupon} />
      {shownQuote ? (
        <Text className='staff-purchase-discount'>
          {shownQuote.giftName ? `兑换赠品：${shownQuote.giftName}` : `优惠 -${money(shownQuote.discountFen)}，实付 ${money(paid ?? 0)}`}
        </Text>
      ) : null}
      <TillFormError action={action} memberId={session.card.memberId} onRecoded={onRecoded} />
      <FormActions name='staff-purchase' label='确认记录' busy={action.busy} onSubmit={() => void submit()} onCancel={onCancel} />
    </View>
  )
}

function CouponPicker({ coupons, selected, onSelect }: { coupons: MemberCard['coupons']; selected: string | null; onSelect: (code: string | null) => void }) {
  if (!coupons.length) return null
  const chip = (code: string | null, label: string) => (
    <Text key={code ?? 'none'} className={`staff-coupon-chip${selected === code ? ' staff-coupon-chip--selected' : ''}`} onClick={() => onSelect(code)}>
      {label}
    </Text>
  )
  return (
    <View className='staff-coupon-picker'>
      <Text className='staff-field__label'>使用优惠券</Text>
      <View className='staff-coupon-picker__chips'>
        {chip(null, '不使用')}
        {coupons.map((c) => chip(c.code, `${c.title}（${c.code.slice(-4)}）`))}
      </View>
    </View>
  )
}
