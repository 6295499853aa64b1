import type { CheckinCalendar, CheckinResult } from '@/store/checkins'

/** The toast after a check-in or a make-up. */
export function checkinToast(result: CheckinResult): string {
  if (result.alreadyCheckedIn) return '今日已签到'
  const what = result.makeup ? '补签成功' : '签到成功'
  return result.bonus > 0 ? `${what} +${result.points} 积分（含连签奖励 ${result.bonus}）` : `${what} +${result.points} 积分`
}

export const streakText = (streak: number) => (streak > 0 ? `已连续签到 ${streak} 天` : '今天开始连续签到吧')

export function nextBonusText(next: CheckinCalendar['nextBonus']): string | null {
  return next ? `再签 ${next.inCheckins} 天可额外获得 ${next.points} 积分` : null
}

/** What the confirmation of a make-up says. */
export function makeupPrompt(makeup: CheckinCalendar['makeup']): string {
  return `补签将消耗 ${makeup.cost} 积分，获得 ${makeup.reward} 积分，本月还可补签 ${Math.max(0, makeup.max - makeup.used)} 次`
}
