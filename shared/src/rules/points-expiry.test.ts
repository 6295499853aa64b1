import { NEVER_EXPIRES, addMonths, expiresAt, expiryMonthFor, lastDayOf } from './points-expiry'

describe('points expiry', () => {
  it.each([
    ['2026-11', 12, '2027-11'],
    ['2026-01', 11, '2026-12'],
    ['2026-12', 1, '2027-01'],
    ['2026-03', -3, '2025-12'],
  ])('%s + %i months = %s', (m, n, out) => expect(addMonths(m, n)).toBe(out))

  it('uses the Shanghai month of the earning moment', () => {
    // 2026-11-30 16:30 UTC is already 2026-12-01 in Shanghai.
    expect(expiryMonthFor(new Date('2026-11-30T16:30:00Z'), 12)).toBe('2027-12')
    expect(expiryMonthFor(new Date('2026-11-30T15:59:59Z'), 12)).toBe('2027-11')
  })

  it('never expires with 0 months', () => {
    expect(expiryMonthFor(new Date(), 0)).toBe(NEVER_EXPIRES)
    expect(expiresAt(NEVER_EXPIRES)).toBeNull()
  })

  it('expires at Shanghai midnight after the last day of the month, across a year boundary', () => {
    expect(expiresAt('2027-12')!.toISOString()).toBe('2027-12-31T16:00:00.000Z')
    expect(lastDayOf('2028-02')).toBe('2028-02-29')
    expect(lastDayOf('2027-02')).toBe('2027-02-28')
  })
})
