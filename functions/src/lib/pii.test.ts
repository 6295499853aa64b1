import { randomBytes } from 'node:crypto'
import { decryptPii, encryptPii, hashPii } from './pii'

const key = randomBytes(32)

describe('PII protection', () => {
  it('encrypts with a fresh IV each time and decrypts back', () => {
    const a = encryptPii(key, '13800000000')
    expect(a).not.toContain('13800000000')
    expect(a).not.toBe(encryptPii(key, '13800000000'))
    expect(decryptPii(key, a)).toBe('13800000000')
  })

  it('detects tampering', () => {
    const [v, iv, tag, body] = encryptPii(key, '13800000000').split('.')
    const flipped = Buffer.from(body, 'base64')
    flipped[0] ^= 1
    expect(() => decryptPii(key, [v, iv, tag, flipped.toString('base64')].join('.'))).toThrow()
  })

  it('hashes deterministically per key for look-ups', () => {
    expect(hashPii(key, '13800000000')).toBe(hashPii(key, '13800000000'))
    expect(hashPii(randomBytes(32), '13800000000')).not.toBe(hashPii(key, '13800000000'))
  })
})
