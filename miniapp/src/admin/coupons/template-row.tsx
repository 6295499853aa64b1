import { useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import type { AdminCouponTemplate } from '@siyu/shared/schemas/console'
import { api } from '@/api'
import { Button } from '@/components/ui'
import { validityText } from '@/lib/coupon-text'
import { showError, showSuccess } from '@/lib/feedback'
import { Cell } from '../components/paged-list'
import { confirmAction } from '../lib/confirm'
import { count } from '../lib/format'

export const STATUS_TEXT: Record<AdminCouponTemplate['status'], string> = {
  scheduled: '未开始',
  active: '进行中',
  paused: '已暂停',
  ended: '已结束',
  sold_out: '已领完',
}

const MAX_STOCK = 10_000_000

interface Props {
  template: AdminCouponTemplate
  storeNames: (id: string) => string
  /** After a change: the list reloads to show the server's state. */
  onChanged: () => Promise<void>
}

/** One template: rule, status, stock taken / left / redeemed, validity, stores, and its actions. */
export function TemplateRow({ template: t, storeNames, onChanged }: Props) {
  const [busy, setBusy] = useState(false)
  const [raising, setRaising] = useState(false)
  const [more, setMore] = useState('')
  const [raiseError, setRaiseError] = useState<string | null>(null)

  async function run(action: () => Promise<unknown>, done: string) {
    setBusy(true)
    try {
      await action()
      showSuccess(done)
      await onChanged()
      return true
    } catch (err) {
      showError(err)
      return false
    } finally {
      setBusy(false)
    }
  }

  async function raise() {
    const add = /^\d+$/.test(more.trim()) ? Number(more.trim()) : 0
    if (add < 1 || t.totalStock + add > MAX_STOCK) return setRaiseError(`请输入 1–${count(MAX_STOCK - t.totalStock)} 之间的整数`)
    setRaiseError(null)
    const ok = await run(() => api.call('updateCouponTemplate', { params: { id: t.id }, body: { totalStock: t.totalStock + add } }), '库存已增加')
    if (ok) {
      setRaising(false)
      setMore('')
    }
  }

  async function end() {
    const sure = await confirmAction('结束发放', `结束后「${t.title}」不能再领取或兑换；已领取的 ${count(t.taken)} 张券在有效期内仍可正常使用。`, '结束发放')
    if (sure) await run(() => api.call('endCouponTemplate', { params: { id: t.id } }), '已结束')
  }

  const ended = t.status === 'ended'
  return (
    <View className={`console-cells console-coupon-row console-coupon-row--${t.status}`}>
      <Cell name='title' main>
        <Text className='console-coupon-row__title'>{t.title}</Text>
        <Text className='console-coupon-row__rule'>{t.ruleText}</Text>
      </Cell>
      <Cell name='status'>
        <Text className={`console-status console-status--${t.status} console-coupon-row__status`}>{STATUS_TEXT[t.status]}</Text>
      </Cell>
      <Cell name='taken' label='已领'>
        <Text className='console-coupon-row__taken'>{count(t.taken)}</Text>
      </Cell>
      <Cell name='left' label='剩余'>
        <Text className='console-coupon-row__left'>{count(t.left)}</Text>
      </Cell>
      <Cell name='redeemed' label='已核销'>
        <Text className='console-coupon-row__redeemed'>{count(t.redeemed)}</Text>
      </Cell>
      <Cell name='validity' label='有效期'>
        <Text className='console-coupon-row__validity'>{validityText(t.validity)}</Text>
      </Cell>
      <Cell name='stores' label='门店'>
        <Text className='console-coupon-row__stores'>{t.stores === 'all' ? '全部门店' : t.stores.map(storeNames).join('、')}</Text>
      </Cell>
      <Cell name='actions'>
        {ended ? (
          <Text className='console-coupon-row__ended'>已结束发放</Text>
        ) : (
          <View className='console-row-actions'>
            <Button className='console-coupon-raise' size='small' disabled={busy} onClick={() => setRaising(!raising)}>
              增加库存
            </Button>
            <Button className='console-coupon-pause' size='small' disabled={busy} onClick={() => void run(() => api.call('updateCouponTemplate', { params: { id: t.id }, body: { paused: !t.paused } }), t.paused ? '已恢复' : '已暂停')}>
              {t.paused ? '恢复' : '暂停'}
            </Button>
            <Button className='console-coupon-end' size='small' type='danger' disabled={busy} onClick={() => void end()}>
              结束
            </Button>
          </View>
        )}
        {raising && !ended ? (
          <View className='console-coupon-raise-form'>
            <Text className='console-coupon-raise-form__now'>当前总量 {count(t.totalStock)} 张，增加</Text>
            <Input className='console-field__input console-coupon-raise-input' type='number' value={more} placeholder='张数' onInput={(e) => setMore(e.detail.value)} />
            <Button className='console-coupon-raise-submit' size='small' type='primary' loading={busy} onClick={() => void raise()}>
              确定
            </Button>
            {raiseError ? <Text className='console-field__error console-coupon-raise-error'>{raiseError}</Text> : null}
          </View>
        ) : null}
      </Cell>
    </View>
  )
}
