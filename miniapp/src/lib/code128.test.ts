import fc from 'fast-check'
// jsbarcode is a dev dependency only: an independent Code 128 implementation to check ours against.
import { CODE128C } from 'jsbarcode/bin/barcodes/CODE128'
import { barsOf, code128C } from './code128'

/** Widths as a module string, `1` dark and `0` light (jsbarcode's format). */
const toModules = (widths: number[]) => widths.map((w, i) => (i % 2 === 0 ? '1' : '0').repeat(w)).join('')

const reference = (digits: string) => (new CODE128C(digits, {}).encode() as { data: string }).data

describe('code128C', () => {
  it('encodes a member code as start C, seven pairs, checksum and stop (112 modules + 2 stop-bar modules)', () => {
    const widths = code128C('10000001287082')
    expect(widths.reduce((a, b) => a + b)).toBe(11 + 7 * 11 + 11 + 13)
    expect(toModules(widths)).toBe(reference('10000001287082'))
  })

  it('matches an independent implementation for any even run of digits', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 99 }), { minLength: 1, maxLength: 12 }), (pairs) => {
        const digits = pairs.map((p) => String(p).padStart(2, '0')).join('')
        expect(toModules(code128C(digits))).toBe(reference(digits))
      }),
    )
  })

  it.each(['', '123', '12a4', '1234 5678'])('refuses %j', (input) => {
    expect(() => code128C(input)).toThrow('even number of digits')
  })
})

describe('barsOf', () => {
  it('places each dark bar after the spaces before it', () => {
    expect(barsOf([2, 1, 1, 2, 3])).toEqual([
      { x: 0, width: 2 },
      { x: 3, width: 1 },
      { x: 6, width: 3 },
    ])
  })
})
