import { createHmac, randomBytes } from 'node:crypto'
import { MEMBER_CODE_VECTORS } from './member-code.vectors'
import { decodeSecret, formatMemberCode, hmacSha1, hotp, memberCodeAt, parseMemberCode, secondsLeft, stepAt } from './member-code'

describe('member code generator', () => {
  it.each(MEMBER_CODE_VECTORS)('matches RFC 6238 at $at', ({ secret, shortId, at, code }) => {
    expect(memberCodeAt(shortId, decodeSecret(secret), new Date(at), 30)).toBe(code)
  })

  it('computes the same HMAC-SHA1 as Node for random keys and messages', () => {
    for (let i = 0; i < 200; i++) {
      const key = randomBytes(i % 90)
      const message = randomBytes((i * 7) % 150)
      expect(Buffer.from(hmacSha1(key, message)).toString('hex')).toBe(createHmac('sha1', key).update(message).digest('hex'))
    }
  })

  it('decodes base64url secrets like Node', () => {
    for (let n = 0; n < 40; n++) {
      const bytes = randomBytes(n)
      expect(Buffer.from(decodeSecret(bytes.toString('base64url')))).toEqual(bytes)
    }
    expect(() => decodeSecret('not base64!')).toThrow()
  })

  it('changes every step and counts down', () => {
    const secret = decodeSecret('MTIzNDU2Nzg5MDEyMzQ1Njc4OTA')
    expect(hotp(secret, stepAt(new Date('2026-11-25T00:00:29Z'), 30))).toBe(hotp(secret, stepAt(new Date('2026-11-25T00:00:00Z'), 30)))
    expect(hotp(secret, stepAt(new Date('2026-11-25T00:00:30Z'), 30))).not.toBe(hotp(secret, stepAt(new Date('2026-11-25T00:00:29Z'), 30)))
    expect(secondsLeft(new Date('2026-11-25T00:00:29Z'), 30)).toBe(1)
    expect(secondsLeft(new Date('2026-11-25T00:00:30Z'), 30)).toBe(30)
  })

  it('parses 14 digits, ignoring spaces and dashes, and nothing else', () => {
    expect(parseMemberCode('1000 0001 287 082')).toEqual({ shortId: '10000001', otp: '287082' })
    expect(parseMemberCode('1000000128708')).toBeNull()
    expect(parseMemberCode('1000000128708x')).toBeNull()
    expect(formatMemberCode('10000001287082')).toBe('1000 0001 287 082')
  })
})
