import { formatShanghaiTime } from './datetime'

describe('formatShanghaiTime', () => {
  it.each([
    ['2026-11-23T06:05:00.000Z', '2026-11-23 14:05'],
    ['2026-11-23T15:59:59.999Z', '2026-11-23 23:59'], // seconds are cut, not rounded
    ['2026-11-23T16:00:00.000Z', '2026-11-24 00:00'], // Shanghai midnight is the next day
    ['2026-12-31T16:30:00Z', '2027-01-01 00:30'], // year boundary
    ['2028-02-28T17:00:00Z', '2028-02-29 01:00'], // leap day
    ['2026-11-23T14:05:00+08:00', '2026-11-23 14:05'], // an explicit offset is honoured
  ])('shows %s as %s', (iso, shown) => expect(formatShanghaiTime(iso)).toBe(shown))

  it('does not depend on the device time zone', () => {
    const original = process.env.TZ
    try {
      process.env.TZ = 'America/Los_Angeles'
      expect(formatShanghaiTime('2026-11-23T06:05:00.000Z')).toBe('2026-11-23 14:05')
    } finally {
      process.env.TZ = original
    }
  })

  it('leaves an unparseable value as it is', () => expect(formatShanghaiTime('not a date')).toBe('not a date'))
})
