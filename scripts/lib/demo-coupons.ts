import type { CouponTemplateInput } from '@siyu/shared/schemas/coupons'
import type { Table } from '../../functions/src/lib/db'
import { claimCoupon } from '../../functions/src/coupons/claim'
import { createTemplate } from '../../functions/src/coupons/templates'

const base = { description: '', stores: 'all', paused: false, returnOnRefund: true } as const

/** The coupon center of the demo: one of each channel a member meets, one already sold out. */
export const demoTemplates: CouponTemplateInput[] = [
  { ...base, title: '思域 满100减20', benefit: { kind: 'threshold', thresholdFen: 10000, amountOffFen: 2000 }, validity: { type: 'days', days: 7 }, totalStock: 100, perMemberLimit: 1, channel: { type: 'public' } },
  { ...base, title: '新人 9 折券', description: '最多减 30 元', benefit: { kind: 'percent', percentOff: 10, capFen: 3000 }, validity: { type: 'days', days: 30 }, totalStock: 500, perMemberLimit: 1, channel: { type: 'public' } },
  { ...base, title: '积分兑 10 元券', benefit: { kind: 'fixed', amountOffFen: 1000 }, validity: { type: 'days', days: 30 }, totalStock: 50, perMemberLimit: 2, channel: { type: 'points', pricePoints: 100 } },
  { ...base, title: '限量拿铁兑换券', benefit: { kind: 'gift', giftName: '拿铁' }, validity: { type: 'days', days: 14 }, totalStock: 1, perMemberLimit: 1, channel: { type: 'public' }, stores: ['store-1' as never] },
]

/**
 * Creates the demo templates once — each under its own Idempotency-Key, like an operator's
 * create, so a second load answers with the same templates — dated a month before `now`, and
 * returns their ids by title.
 */
export async function loadDemoTemplates(table: Table, now: Date): Promise<Map<string, string>> {
  const createdAt = new Date(now.getTime() - 30 * 86_400_000)
  let n = 0
  const newId = (prefix: string) => `${prefix}_demo${String(++n).padStart(6, '0')}${createdAt.getTime().toString(36)}`
  const ids = new Map<string, string>()
  for (const [i, t] of demoTemplates.entries()) {
    const created = await createTemplate({ table, clock: () => createdAt, ids: newId }, t, { adminId: 'demo-loader', idempotencyKey: `demo-template-${i + 1}` })
    ids.set(t.title, created.id)
  }
  return ids
}

/** demo-member-2 took the only latte coupon; demo-member-3 holds a 满100减20 (keyed, so loading twice claims once). */
export async function loadDemoClaims(table: Table, templates: Map<string, string>, memberIds: string[], now: Date): Promise<void> {
  const deps = { table, clock: () => new Date(now.getTime() - 86_400_000) }
  await claimCoupon(deps, { memberId: memberIds[1], templateId: templates.get('限量拿铁兑换券')!, idempotencyKey: 'demo-latte-claim' })
  await claimCoupon(deps, { memberId: memberIds[2], templateId: templates.get('思域 满100减20')!, idempotencyKey: 'demo-threshold-claim' })
}
