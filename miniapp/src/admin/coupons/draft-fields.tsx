import { Choices, DateInput, FieldRow, TextField } from '../components/form-fields'
import type { ConsoleStore } from '../lib/use-stores'
import { KIND_OPTIONS, type CouponDraft, type DraftErrors } from './coupon-draft'

export interface DraftProps {
  draft: CouponDraft
  errors: DraftErrors
  set: (patch: Partial<CouponDraft>) => void
}

/** What the coupon gives: its kind and the amounts that kind needs. */
export function BenefitFields({ draft, errors, set }: DraftProps) {
  return (
    <>
      <FieldRow name='console-coupon-kind' label='券类型'>
        <Choices name='console-coupon-kind' options={KIND_OPTIONS} isActive={(k) => k === draft.kind} onPick={(kind) => set({ kind })} />
      </FieldRow>
      {draft.kind === 'threshold' ? (
        <TextField name='console-coupon-threshold' label='满（门槛）' type='digit' unit='元' value={draft.thresholdYuan} error={errors.thresholdYuan} onInput={(thresholdYuan) => set({ thresholdYuan })} />
      ) : null}
      {draft.kind === 'threshold' || draft.kind === 'fixed' ? (
        <TextField name='console-coupon-amount' label='减免金额' type='digit' unit='元' value={draft.amountYuan} error={errors.amountYuan} onInput={(amountYuan) => set({ amountYuan })} />
      ) : null}
      {draft.kind === 'percent' ? (
        <>
          <TextField name='console-coupon-zhe' label='折扣' type='digit' unit='折' placeholder='如 8.5' value={draft.zhe} error={errors.zhe} onInput={(zhe) => set({ zhe })} />
          <TextField name='console-coupon-cap' label='最多减' type='digit' unit='元' placeholder='不限' value={draft.capYuan} error={errors.capYuan} onInput={(capYuan) => set({ capYuan })} />
        </>
      ) : null}
      {draft.kind === 'gift' ? (
        <TextField name='console-coupon-gift' label='赠品' placeholder='如 美式咖啡' maxlength={40} value={draft.giftName} error={errors.giftName} onInput={(giftName) => set({ giftName })} />
      ) : null}
    </>
  )
}

const VALIDITY_OPTIONS = [
  { value: 'days', label: '领取后若干天' },
  { value: 'window', label: '固定日期' },
] as const

/** How long a claimed coupon can be used: N days from the claim, or between two Shanghai dates. */
export function ValidityFields({ draft, errors, set }: DraftProps) {
  return (
    <>
      <FieldRow name='console-coupon-validity' label='有效期'>
        <Choices name='console-coupon-validity' options={VALIDITY_OPTIONS} isActive={(v) => v === draft.validity} onPick={(validity) => set({ validity })} />
      </FieldRow>
      {draft.validity === 'days' ? (
        <TextField name='console-coupon-days' label='领取后' type='number' unit='天内有效' value={draft.days} error={errors.days} onInput={(days) => set({ days })} />
      ) : (
        <FieldRow name='console-coupon-window' label='使用日期' error={errors.fromDate ?? errors.toDate} hint='两端都含，按北京时间'>
          <DateInput name='console-coupon-from' value={draft.fromDate} onChange={(fromDate) => set({ fromDate })} />
          <DateInput name='console-coupon-to' value={draft.toDate} start={draft.fromDate || undefined} onChange={(toDate) => set({ toDate })} />
        </FieldRow>
      )}
    </>
  )
}

const ALL = '_all'

const CHANNEL_OPTIONS = [
  { value: 'public', label: '免费领取' },
  { value: 'points', label: '积分兑换' },
] as const

/** Where the coupon applies and how members get it. */
export function ReachFields({ draft, errors, set, stores }: DraftProps & { stores: readonly ConsoleStore[] }) {
  // '_all' cannot be a store id (ids start with a letter or digit).
  const storeOptions = [{ value: ALL, label: '全部门店' }, ...stores.map((s) => ({ value: s.storeId, label: s.name }))]
  function pick(value: string) {
    if (value === ALL) return set({ allStores: true, storeIds: [] })
    const picked = draft.storeIds.includes(value) ? draft.storeIds.filter((id) => id !== value) : [...draft.storeIds, value]
    set({ allStores: false, storeIds: picked })
  }
  return (
    <>
      <FieldRow name='console-coupon-stores' label='适用门店' error={errors.stores}>
        <Choices name='console-coupon-stores' options={storeOptions} isActive={(v) => (v === ALL ? draft.allStores : !draft.allStores && draft.storeIds.includes(v))} onPick={pick} />
      </FieldRow>
      <FieldRow name='console-coupon-channel' label='领取方式'>
        <Choices name='console-coupon-channel' options={CHANNEL_OPTIONS} isActive={(c) => c === draft.channel} onPick={(channel) => set({ channel })} />
      </FieldRow>
      {draft.channel === 'points' ? (
        <TextField name='console-coupon-price' label='兑换所需' type='number' unit='积分' value={draft.pricePoints} error={errors.pricePoints} onInput={(pricePoints) => set({ pricePoints })} />
      ) : null}
    </>
  )
}
