import { useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import type { AdjustmentResponse } from '@siyu/shared/schemas/points'
import { api, messageFor } from '@/api'
import { Button } from '@/components/ui'
import { showSuccess } from '@/lib/feedback'
import { newIdempotencyKey, withIdempotencyKey } from '@/lib/idempotency'
import { signedPoints } from '../lib/format'
import { adjustmentPrompt, checkAdjustment } from './detail-text'

interface Props {
  memberId: string
  /** The member as the confirm names them. */
  name: string
  onAdjusted: (result: AdjustmentResponse) => Promise<void> | void
}

type Errors = { points: string | null; reason: string | null }
const NO_ERRORS: Errors = { points: null, reason: null }

/**
 * 积分调整: a signed amount and a mandatory reason, confirmed in a dialog. One adjustment keeps
 * one Idempotency-Key until it succeeds: tapping 确认调整 again after a lost answer (same amount,
 * same reason) replays it on the server instead of applying it twice.
 */
export function AdjustForm({ memberId, name, onAdjusted }: Props) {
  const [pointsText, setPointsText] = useState('')
  const [reason, setReason] = useState('')
  const [errors, setErrors] = useState<Errors>(NO_ERRORS)
  const [serverError, setServerError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const pending = useRef<{ signature: string; key: string } | null>(null)

  function keyFor(signature: string): string {
    if (pending.current?.signature !== signature) pending.current = { signature, key: newIdempotencyKey() }
    return pending.current.key
  }

  async function submit() {
    if (busy) return
    const check = checkAdjustment({ pointsText, reason })
    if (!check.ok) return setErrors({ points: check.points, reason: check.reason })
    setErrors(NO_ERRORS)
    setServerError(null)
    const { confirm } = await Taro.showModal({ title: '确认调整积分', content: adjustmentPrompt(name, check.points, check.reason), confirmText: '确认调整' })
    if (!confirm) return
    const body = { memberId, points: check.points, reason: check.reason }
    const key = keyFor(JSON.stringify(body))
    setBusy(true)
    try {
      const result = await withIdempotencyKey((k) => api.call('postAdjustment', { body, headers: { 'Idempotency-Key': k } }), { key })
      pending.current = null
      setPointsText('')
      setReason('')
      showSuccess(result.replayed ? '此调整已记录' : `已调整 ${signedPoints(check.points)}`)
      await onAdjusted(result)
    } catch (err) {
      setServerError(`调整失败：${messageFor(err)}`)
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='card console-adjust'>
      <Text className='card__title'>积分调整</Text>
      <View className={`console-field${errors.points ? ' console-field--invalid' : ''}`}>
        <Text className='console-field__label'>调整积分</Text>
        <View className='console-field__control'>
          <Input className='console-field__input console-adjust-points' type='text' value={pointsText} maxlength={10} placeholder='如 50 或 -50' onInput={(e) => setPointsText(e.detail.value)} />
          {errors.points ? <Text className='console-field__error console-adjust-points-error'>{errors.points}</Text> : <Text className='console-field__hint'>正数为增加，负数为扣减；扣减不能超过可用积分</Text>}
        </View>
      </View>
      <View className={`console-field${errors.reason ? ' console-field--invalid' : ''}`}>
        <Text className='console-field__label'>调整原因</Text>
        <View className='console-field__control'>
          <Input className='console-field__input console-adjust-reason' value={reason} maxlength={200} placeholder='必填，如：补录 11 月 3 日消费' onInput={(e) => setReason(e.detail.value)} />
          {errors.reason ? <Text className='console-field__error console-adjust-reason-error'>{errors.reason}</Text> : <Text className='console-field__hint'>原因会显示在会员的积分明细中，并记入操作记录</Text>}
        </View>
      </View>
      {serverError ? <Text className='console-error console-adjust-error'>{serverError}</Text> : null}
      <View className='console-actions'>
        <Button className='console-adjust-submit' type='primary' size='small' loading={busy} onClick={() => void submit()}>
          确认调整
        </Button>
      </View>
    </View>
  )
}
