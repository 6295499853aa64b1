/**
 * The rotating member code (会员码): a TOTP-style one-time password (RFC 6238: HMAC-SHA1 over
 * the 30-second step counter, dynamic truncation) after the member's short id. The app computes
 * it offline from the secret it cached at login; the backend verifies with this same code.
 * Pure TypeScript (no Node or WeChat crypto API), so both sides run it unchanged; SHA-1 is what
 * TOTP specifies, and 20 lines here cost less on the phone than a crypto library.
 */

export const SHORT_ID_DIGITS = 8
export const OTP_DIGITS = 6
export const MEMBER_CODE_LENGTH = SHORT_ID_DIGITS + OTP_DIGITS

function sha1(message: Uint8Array): Uint8Array {
  const length = message.length
  const words = new Uint32Array((((length + 8) >> 6) + 1) * 16)
  for (let i = 0; i < length; i++) words[i >> 2] |= message[i] << (24 - (i % 4) * 8)
  words[length >> 2] |= 0x80 << (24 - (length % 4) * 8)
  words[words.length - 1] = length * 8
  const h = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0]
  const w = new Uint32Array(80)
  for (let block = 0; block < words.length; block += 16) {
    for (let t = 0; t < 80; t++) {
      w[t] = t < 16 ? words[block + t] : rotl(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1)
    }
    let [a, b, c, d, e] = h
    for (let t = 0; t < 80; t++) {
      const f = t < 20 ? (b & c) | (~b & d) : t < 40 ? b ^ c ^ d : t < 60 ? (b & c) | (b & d) | (c & d) : b ^ c ^ d
      const k = t < 20 ? 0x5a827999 : t < 40 ? 0x6ed9eba1 : t < 60 ? 0x8f1bbcdc : 0xca62c1d6
      const temp = (rotl(a, 5) + f + e + k + w[t]) >>> 0
      e = d
      d = c
      c = rotl(b, 30)
      b = a
      a = temp
    }
    h[0] = (h[0] + a) >>> 0
    h[1] = (h[1] + b) >>> 0
    h[2] = (h[2] + c) >>> 0
    h[3] = (h[3] + d) >>> 0
    h[4] = (h[4] + e) >>> 0
  }
  const out = new Uint8Array(20)
  h.forEach((v, i) => {
    out[i * 4] = v >>> 24
    out[i * 4 + 1] = (v >>> 16) & 0xff
    out[i * 4 + 2] = (v >>> 8) & 0xff
    out[i * 4 + 3] = v & 0xff
  })
  return out
}

const rotl = (x: number, n: number) => ((x << n) | (x >>> (32 - n))) >>> 0

export function hmacSha1(key: Uint8Array, message: Uint8Array): Uint8Array {
  const block = new Uint8Array(64)
  block.set(key.length > 64 ? sha1(key) : key)
  const inner = new Uint8Array(64 + message.length)
  const outer = new Uint8Array(64 + 20)
  for (let i = 0; i < 64; i++) {
    inner[i] = block[i] ^ 0x36
    outer[i] = block[i] ^ 0x5c
  }
  inner.set(message, 64)
  outer.set(sha1(inner), 64)
  return sha1(outer)
}

/** The TOTP step of an instant. */
export const stepAt = (at: Date, stepSeconds: number) => Math.floor(at.getTime() / 1000 / stepSeconds)

/** RFC 4226 HOTP value of a counter, `digits` long (zero-padded). */
export function hotp(secret: Uint8Array, counter: number, digits = OTP_DIGITS): string {
  const message = new Uint8Array(8)
  let c = counter
  for (let i = 7; i >= 0; i--) {
    message[i] = c & 0xff
    c = Math.floor(c / 256)
  }
  const mac = hmacSha1(secret, message)
  const offset = mac[19] & 0x0f
  const binary = ((mac[offset] & 0x7f) << 24) | (mac[offset + 1] << 16) | (mac[offset + 2] << 8) | mac[offset + 3]
  return String(binary % 10 ** digits).padStart(digits, '0')
}

/** The member code for a step: short id, then the one-time password (14 digits). */
export const memberCodeForStep = (shortId: string, secret: Uint8Array, step: number) => `${shortId}${hotp(secret, step)}`

export const memberCodeAt = (shortId: string, secret: Uint8Array, at: Date, stepSeconds: number) =>
  memberCodeForStep(shortId, secret, stepAt(at, stepSeconds))

/** Seconds until the code shown at `at` changes. */
export const secondsLeft = (at: Date, stepSeconds: number) => stepSeconds - (Math.floor(at.getTime() / 1000) % stepSeconds)

/** Splits a scanned or typed code; null when it is not 14 digits (spaces and dashes are ignored). */
export function parseMemberCode(code: string): { shortId: string; otp: string } | null {
  const digits = code.replace(/[\s-]/g, '')
  if (!new RegExp(`^\\d{${MEMBER_CODE_LENGTH}}$`).test(digits)) return null
  return { shortId: digits.slice(0, SHORT_ID_DIGITS), otp: digits.slice(SHORT_ID_DIGITS) }
}

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

/** Decodes the base64url secret the API hands out (no Buffer/atob on every platform). */
export function decodeSecret(text: string): Uint8Array {
  const clean = text.replace(/=+$/, '')
  const out = new Uint8Array(Math.floor((clean.length * 6) / 8))
  let bits = 0
  let value = 0
  let j = 0
  for (const ch of clean) {
    const v = B64URL.indexOf(ch)
    if (v < 0) throw new Error('secret is not base64url')
    value = (value << 6) | v
    bits += 6
    if (bits >= 8) {
      bits -= 8
      out[j++] = (value >> bits) & 0xff
    }
  }
  return out
}

/** Formats a code for people: 1234 5678 901 234. */
export const formatMemberCode = (code: string) => code.replace(/(\d{4})(\d{4})(\d{3})(\d{3})/, '$1 $2 $3 $4')
