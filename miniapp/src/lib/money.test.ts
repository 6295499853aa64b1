import { formatFen, money, moneyShort } from './money'

describe('formatFen', () => {
  it.each([
    [0, '0.00'],
    [5, '0.05'],
    [12800, '128.00'],
    [123456789, '1,234,567.89'],
    [-2000, '-20.00'],
  ])('shows %i fen as %s', (fen, text) => {
    expect(formatFen(fen)).toBe(text)
  })
})

describe('money', () => {
  it('prefixes the yuan sign', () => expect(money(10850)).toBe('¥108.50'))
})

describe('moneyShort', () => {
  it.each([
    [0, '¥0'],
    [100_000, '¥1,000'],
    [2_000_000, '¥20,000'],
    [87_650, '¥876.50'],
    [1, '¥0.01'],
  ])('shows %i fen as %s', (fen, text) => {
    expect(moneyShort(fen)).toBe(text)
  })
})
