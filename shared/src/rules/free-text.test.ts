import { normalizeText, unsafeTextReason } from './free-text'

describe('unsafeTextReason', () => {
  it.each([
    ['小王', null],
    ['Amélie 😀', null],
    ['𠮷野家', null], // a hanzi outside the BMP: a proper surrogate pair
    ['a\u0000b', 'control'],
    ['\u0009tab', 'control'],
    ['del\u007f', 'control'],
    ['nel\u0085', 'control'],
    ['\u202Aembed', 'bidi'],
    ['\u202Egnp.exe', 'bidi'],
    ['\u2066isolate\u2069', 'bidi'],
    ['x\uD83D', 'surrogate'],
    ['\uDE00x', 'surrogate'],
    ['\uD83D\uD83D\uDE00', 'surrogate'],
  ])('%j → %s', (text, reason) => {
    expect(unsafeTextReason(text)).toBe(reason)
  })
})

describe('normalizeText', () => {
  it('trims and composes to NFC', () => {
    expect(normalizeText('  Ame\u0301lie ')).toBe('Am\u00e9lie')
  })
})
