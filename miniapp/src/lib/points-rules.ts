import { shanghaiMonth } from '@siyu/shared/rules/business-day'
import { addMonths, lastDayOf } from '@siyu/shared/rules/points-expiry'
import type { Program } from '@/store/program'

/**
 * The points rules of the program in plain Chinese, from the published rules document (never
 * from constants in the app). `now` picks the example date for the expiry rule.
 */
export function pointsRuleLines(
  program: Pick<Program, 'earning' | 'points'> & { checkin: Pick<Program['checkin'], 'basePoints'> },
  now: Date,
): string[] {
  const { expiryMonths, returnWindowDays } = program.points
  const lines = [`每日签到可得 ${program.checkin.basePoints} 积分`, `每消费 1 元积 ${program.earning.pointsPerYuan} 分`]
  lines.push(
    returnWindowDays > 0
      ? `消费积分在 ${returnWindowDays} 天退货期结束后到账，此前显示为“待生效”`
      : '消费积分即时到账',
  )
  lines.push(
    expiryMonths > 0
      ? `积分在获得当月之后第 ${expiryMonths} 个月的月底过期（本月获得的积分于 ${lastDayOf(addMonths(shanghaiMonth(now), expiryMonths))} 过期）`
      : '积分长期有效',
  )
  return lines
}
