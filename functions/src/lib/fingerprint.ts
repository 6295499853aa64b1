import { createHash } from 'node:crypto'

/** Canonical JSON (sorted keys) so the same payload always hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`
  }
  return JSON.stringify(value ?? null)
}

/** Hash of a request payload, stored beside its idempotency key to tell a replay from a misuse. */
export const fingerprint = (payload: unknown) => createHash('sha256').update(canonical(payload)).digest('base64url')
