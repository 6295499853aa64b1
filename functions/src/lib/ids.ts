import { randomBytes } from 'node:crypto'

/** An id source: injected into domain functions so tests can make ids predictable. */
export type IdSource = (prefix: string) => string

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz' // Crockford base32, lower case

/** Time-ordered, unguessable ids: 10 chars of milliseconds + 16 random chars. */
export const randomIds: IdSource = (prefix) => {
  let time = Date.now()
  let head = ''
  for (let i = 0; i < 10; i++) {
    head = ALPHABET[time % 32] + head
    time = Math.floor(time / 32)
  }
  const bytes = randomBytes(16)
  let tail = ''
  for (const b of bytes) tail += ALPHABET[b % 32]
  return `${prefix}_${head}${tail}`
}

export type Clock = () => Date
export const systemClock: Clock = () => new Date()
