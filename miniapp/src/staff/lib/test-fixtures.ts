import type { MemberCard } from '@siyu/shared/schemas/member-code'
import type { TillAction } from '@siyu/shared/schemas/staff'

/** Test data shared by the staff tests: demo-member-1 at the till of store-1. */
export const card = (over: Partial<MemberCard> = {}): MemberCard => ({
  memberId: 'm_0000000001' as MemberCard['memberId'],
  nickname: '小王',
  phone: '138****0000',
  tier: { code: 'silver', name: '银卡会员' },
  earning: { pointsPerYuan: 1, multiplierPercent: 120, memberDayBonusPercent: 50, memberDay: false },
  points: { available: 530, pending: 128, debt: 0 },
  coupons: [],
  step: 59_000_000,
  ...over,
})

export const tillAction = (over: Partial<TillAction> = {}): TillAction => ({
  actionId: 'pur_SO1', kind: 'purchase', storeId: 'store-1', staffId: 'm_clerk00001', memberId: 'm_0000000001', orderId: 'SO1',
  refundId: null, amountFen: 12800, points: 128, discountFen: 0, couponCode: null, at: '2026-11-25T06:30:00.000Z', voided: false, replayed: false,
  ...over,
})
