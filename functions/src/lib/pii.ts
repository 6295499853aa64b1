import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto'

/** Personal data (phone numbers) is stored encrypted (AES-256-GCM) with a key from configuration. */
export function encryptPii(key: Buffer, plain: string): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
  return ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join('.')
}

export function decryptPii(key: Buffer, sealed: string): string {
  const [version, iv, tag, body] = sealed.split('.')
  if (version !== 'v1' || !iv || !tag || !body) throw new Error('unknown PII envelope')
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'))
  decipher.setAuthTag(Buffer.from(tag, 'base64'))
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8')
}

/** Keyed hash for equality look-ups (e.g. "same phone") without storing the number in clear. */
export function hashPii(key: Buffer, plain: string): string {
  return createHmac('sha256', key).update(`lookup:${plain}`).digest('base64url')
}
