import type { OverviewFigures } from '@siyu/shared/schemas/console'
import { count, money } from '../lib/format'

/** The overview's tiles, in reading order; `format` turns the raw figure into what is shown. */
export const FIGURES: readonly { key: keyof OverviewFigures; label: string; format: (n: number) => string }[] = [
  { key: 'membersJoined', label: '新增会员', format: count },
  { key: 'purchases', label: '消费笔数', format: count },
  { key: 'purchaseFen', label: '消费金额', format: money },
  { key: 'pointsIssued', label: '发放积分', format: count },
  { key: 'pointsRedeemed', label: '兑换积分', format: count },
  { key: 'couponsClaimed', label: '领券', format: count },
  { key: 'couponsRedeemed', label: '核销', format: count },
]

/** The tiles a scope has: figures without a store (joins, claims) are null in a store's view and left out. */
export function shownFigures(f: OverviewFigures): { key: string; label: string; value: string }[] {
  return FIGURES.flatMap(({ key, label, format }) => {
    const n = f[key]
    return n === null ? [] : [{ key, label, value: format(n) }]
  })
}

/** "按收银抵扣 100 积分 = ¥1 计算" */
export const liabilityNote = (pointsPerYuan: number) => `按收银抵扣 ${count(pointsPerYuan)} 积分 = ¥1 计算`
