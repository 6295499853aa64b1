import { z } from 'zod'
import { IsoDate } from './common'

/** The answer to a check-in or a make-up. A repeat of today's check-in returns the first result. */
export const CheckinResult = z
  .object({
    date: IsoDate,
    /** Length of the streak this day is part of, counting it. */
    streak: z.number().int().min(1),
    /** Points paid for the day (base + bonus). */
    points: z.number().int(),
    bonus: z.number().int(),
    /** True when this day was already checked in (nothing changed). */
    alreadyCheckedIn: z.boolean(),
    makeup: z.boolean(),
    /** Points a make-up cost (0 for a normal check-in). */
    cost: z.number().int(),
  })
  .meta({ id: 'CheckinResult' })
export type CheckinResult = z.infer<typeof CheckinResult>

export const MakeupRequest = z.object({ date: IsoDate }).strict()
export type MakeupRequest = z.infer<typeof MakeupRequest>

export const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM')

export const CalendarQuery = z.object({ month: Month.optional() }).strict()
export type CalendarQuery = z.infer<typeof CalendarQuery>

export const CheckinDay = z.object({
  date: IsoDate,
  points: z.number().int(),
  bonus: z.number().int(),
  makeup: z.boolean(),
})
export type CheckinDay = z.infer<typeof CheckinDay>

export const CheckinCalendar = z
  .object({
    month: Month,
    /** Today's Shanghai date. */
    today: IsoDate,
    checkedInToday: z.boolean(),
    /** The current streak: through today if checked in, else through yesterday (0 if broken). */
    streak: z.number().int().min(0),
    /** The next bonus reachable by checking in every day from now, or null without bonuses. */
    nextBonus: z.object({ points: z.number().int(), inCheckins: z.number().int(), date: IsoDate }).nullable(),
    /** Checked days of the month, in date order. */
    days: z.array(CheckinDay),
    /** Missed days of this month that a make-up could still fill (only for the current month). */
    makeupDates: z.array(IsoDate),
    /** A make-up costs `cost` and pays `reward` (the day's base points); `used` of `max` this month. */
    makeup: z.object({ cost: z.number().int(), reward: z.number().int(), used: z.number().int(), max: z.number().int() }),
  })
  .meta({ id: 'CheckinCalendar' })
export type CheckinCalendar = z.infer<typeof CheckinCalendar>
