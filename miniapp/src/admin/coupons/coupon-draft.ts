import { CouponBenefit, CouponTemplateInput } from '@siyu/shared/schemas/coupons'

/** The create form as typed: strings until checked, so a half-typed amount is never a number. */
export interface CouponDraft {
  title: string
  description: string
  kind: CouponBenefit['kind']
  amountYuan: string
  thresholdYuan: string
  /** 折 as people say it: 8.5 means 15 % off. */
  zhe: string
  capYuan: string
  giftName: string
  stock: string
  limit: string
  validity: 'days' | 'window'
  days: string
  /** Shanghai dates, both inclusive. */
  fromDate: string
  toDate: string
  allStores: boolean
  storeIds: string[]
  channel: 'public' | 'points'
  pricePoints: string
}

export type DraftField =
  | 'title' | 'description' | 'amountYuan' | 'thresholdYuan' | 'zhe' | 'capYuan' | 'giftName'
  | 'stock' | 'limit' | 'days' | 'fromDate' | 'toDate' | 'stores' | 'pricePoints'

export type DraftErrors = Partial<Record<DraftField, string>>

export const EMPTY_DRAFT: CouponDraft = {
  title: '', description: '', kind: 'threshold', amountYuan: '20', thresholdYuan: '100', zhe: '', capYuan: '', giftName: '',
  stock: '', limit: '1', validity: 'days', days: '30', fromDate: '', toDate: '', allStores: true, storeIds: [], channel: 'public', pricePoints: '',
}

export const KIND_OPTIONS = [
  { value: 'threshold', label: '满减券' },
  { value: 'fixed', label: '代金券' },
  { value: 'percent', label: '折扣券' },
  { value: 'gift', label: '兑换券' },
] as const

/** Yuan with at most two decimals → fen; anything else NaN (the schema then refuses it). */
export function yuanToFen(text: string): number {
  const t = text.trim()
  if (!/^\d+(\.\d{1,2})?$/.test(t)) return Number.NaN
  const [whole, frac = ''] = t.split('.')
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'))
}

const int = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN)

/** 8.5 折 → 15 (percent off); one decimal at most. */
export function zheToPercentOff(text: string): number {
  const t = text.trim()
  if (!/^\d(\.\d)?$/.test(t)) return Number.NaN
  return 100 - Math.round(Number(t) * 10)
}

/** 00:00 of a Shanghai date as an ISO instant ('' for no date, which the schema refuses). */
export function shanghaiMidnight(date: string, addDays = 0): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return ''
  const ms = Date.parse(`${date}T00:00:00+08:00`)
  return Number.isNaN(ms) ? '' : new Date(ms + addDays * 86_400_000).toISOString()
}

function benefitOf(d: CouponDraft): unknown {
  switch (d.kind) {
    case 'fixed':
      return { kind: 'fixed', amountOffFen: yuanToFen(d.amountYuan) }
    case 'threshold':
      return { kind: 'threshold', thresholdFen: yuanToFen(d.thresholdYuan), amountOffFen: yuanToFen(d.amountYuan) }
    case 'percent':
      return { kind: 'percent', percentOff: zheToPercentOff(d.zhe), ...(d.capYuan.trim() ? { capFen: yuanToFen(d.capYuan) } : {}) }
    case 'gift':
      return { kind: 'gift', giftName: d.giftName }
  }
}

/** The request body the draft stands for, before checking (what the server will parse). */
export function candidateOf(d: CouponDraft) {
  return {
    title: d.title,
    description: d.description,
    benefit: benefitOf(d),
    stores: d.allStores ? 'all' : d.storeIds,
    // The last day is inclusive: the window ends at 00:00 of the day after.
    validity: d.validity === 'days' ? { type: 'days', days: int(d.days) } : { type: 'window', from: shanghaiMidnight(d.fromDate), to: shanghaiMidnight(d.toDate, 1) },
    totalStock: int(d.stock),
    perMemberLimit: int(d.limit),
    channel: d.channel === 'public' ? { type: 'public' } : { type: 'points', pricePoints: int(d.pricePoints) },
  }
}

/** What to say when the schema's own message is not written for people (zod's English defaults). */
const MESSAGES: Record<DraftField, string> = {
  title: '请填写券名称（最多 40 字）',
  description: '说明最多 200 字',
  amountYuan: '请输入减免金额（元，最多两位小数）',
  thresholdYuan: '请输入门槛金额（元，最多两位小数）',
  zhe: '请输入 0.1–9.9 之间的折扣，如 8.5',
  capYuan: '请输入最多减免的金额（元），不限请留空',
  giftName: '请填写赠品名称（最多 40 字）',
  stock: '请输入 1–10000000 之间的整数',
  limit: '请输入 1–100 之间的整数',
  days: '请输入 1–3650 之间的天数',
  fromDate: '请选择开始日期',
  toDate: '请选择结束日期',
  stores: '请至少选择一家门店',
  pricePoints: '请输入 1–1000000 之间的积分',
}

const FIELD_OF_PATH: Record<string, DraftField> = {
  title: 'title', description: 'description', 'benefit.amountOffFen': 'amountYuan', 'benefit.thresholdFen': 'thresholdYuan',
  'benefit.percentOff': 'zhe', 'benefit.capFen': 'capYuan', 'benefit.giftName': 'giftName', totalStock: 'stock', perMemberLimit: 'limit',
  'validity.days': 'days', 'validity.from': 'fromDate', 'validity.to': 'toDate', stores: 'stores', 'channel.pricePoints': 'pricePoints',
}

const hasChinese = (s: string) => /[\u4e00-\u9fff]/.test(s)

/** Maps a zod issue path to the form field it belongs to (`stores.0` → stores). */
export function fieldOfPath(path: readonly PropertyKey[]): DraftField | undefined {
  const dotted = path.map(String).join('.')
  return FIELD_OF_PATH[dotted] ?? FIELD_OF_PATH[path.slice(0, 2).map(String).join('.')] ?? FIELD_OF_PATH[String(path[0])]
}

export type Checked = { ok: true; input: CouponTemplateInput } | { ok: false; errors: DraftErrors }

/** Checks the draft with the server's own schema; errors by field, in Chinese, the first per field. */
export function checkDraft(d: CouponDraft): Checked {
  const parsed = CouponTemplateInput.safeParse(candidateOf(d))
  if (parsed.success) return { ok: true, input: parsed.data }
  const errors: DraftErrors = {}
  for (const issue of parsed.error.issues) {
    const field = fieldOfPath(issue.path)
    if (field && !errors[field]) errors[field] = hasChinese(issue.message) ? issue.message : MESSAGES[field]
  }
  return { ok: false, errors }
}

/** The benefit the draft gives, when it is complete enough to show (the preview's coupon face). */
export function previewBenefit(d: CouponDraft): CouponBenefit | null {
  const parsed = CouponBenefit.safeParse(benefitOf(d))
  return parsed.success ? parsed.data : null
}
