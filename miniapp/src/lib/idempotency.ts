import { ApiError } from '@/api/errors'

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789'

/**
 * A fresh key for one user action (the API accepts 8–64 of [A-Za-z0-9_-]). It only has to be
 * unique per member, not secret, so Math.random is enough (weapp has no crypto.getRandomValues).
 */
export function newIdempotencyKey(random: () => number = Math.random): string {
  const noise = Array.from({ length: 16 }, () => ALPHABET[Math.floor(random() * ALPHABET.length)]).join('')
  return `${Date.now().toString(36)}-${noise}`
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/**
 * Runs one user action under one key. When no answer arrived (status 0: offline, timeout) the
 * server may or may not have applied it, so it is sent again with the same key: the server then
 * applies it at most once. A refusal (any HTTP answer) is final. A new tap calls this again and
 * gets a new key, i.e. a new action.
 */
export async function withIdempotencyKey<T>(
  send: (key: string) => Promise<T>,
  { retries = 1, delayMs = 600, key = newIdempotencyKey() }: { retries?: number; delayMs?: number; key?: string } = {},
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await send(key)
    } catch (err) {
      const unanswered = err instanceof ApiError && err.status === 0
      if (!unanswered || attempt >= retries) throw err
      await wait(delayMs)
    }
  }
}
