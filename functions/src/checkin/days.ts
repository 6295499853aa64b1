import type { CheckinResult } from '@siyu/shared/schemas/checkin'
import type { CheckinDayItem } from '../entities/checkin-day'

export { daysBetween, getDay, type CheckinDayItem } from '../entities/checkin-day'

export const toResult = (day: CheckinDayItem, alreadyCheckedIn: boolean): CheckinResult => ({
  date: day.date,
  streak: day.streak,
  points: day.points,
  bonus: day.bonus,
  alreadyCheckedIn,
  makeup: day.makeup,
  cost: day.cost,
})
