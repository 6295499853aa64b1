import { shanghaiDate, shanghaiMonth } from './business-day'

describe('Shanghai business day', () => {
  it.each([
    ['2026-11-24T15:59:59.999Z', '2026-11-24'],
    ['2026-11-24T16:00:00.000Z', '2026-11-25'], // Shanghai midnight
    ['2026-12-31T16:00:00.000Z', '2027-01-01'], // year boundary
    ['2028-02-28T16:30:00.000Z', '2028-02-29'], // leap day
  ])('%s is %s in Shanghai', (utc, date) => expect(shanghaiDate(new Date(utc))).toBe(date))

  it('gives the Shanghai month', () => expect(shanghaiMonth(new Date('2026-11-30T17:00:00Z'))).toBe('2026-12'))
})
