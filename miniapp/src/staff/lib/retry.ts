import { ApiError } from '@/api/errors'

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/**
 * Sends a till request again when no answer arrived (status 0: offline, timeout): the server may
 * or may not have applied it, and every till action is idempotent by the ids in its body, so the
 * same body is sent again. A refusal (any HTTP answer) is final. Callers must keep the ids they
 * sent: a later tap of the same form resends them too.
 */
export async function retryUnanswered<T>(send: () => Promise<T>, { retries = 1, delayMs = 600 } = {}): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await send()
    } catch (err) {
      const unanswered = err instanceof ApiError && err.status === 0
      if (!unanswered || attempt >= retries) throw err
      await wait(delayMs)
    }
  }
}
