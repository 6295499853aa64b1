import { DomainError } from './errors'
import { defaultBackoff, withRetry, type Backoff } from './retry'
import { TransactionRaced } from './transact'

const recording = (attempts = 4) => {
  const sleeps: number[] = []
  const backoff: Backoff = { ...defaultBackoff, attempts, random: () => 1, sleep: async (ms) => void sleeps.push(ms) }
  return { backoff, sleeps }
}
const raced = (...names: string[]) => new TransactionRaced(new Set(names))

describe('withRetry, the one retry policy', () => {
  it('retries lost races with growing backoff and returns the first success', async () => {
    const { backoff, sleeps } = recording()
    let calls = 0
    const result = await withRetry(async () => (++calls < 3 ? Promise.reject(raced('account')) : 'done'), { backoff })
    expect(result).toBe('done')
    expect(sleeps).toEqual([4, 8])
  })

  it('never retries a refusal', async () => {
    const { backoff } = recording()
    let calls = 0
    const refusal = new DomainError('points.insufficient', '积分不足')
    await expect(withRetry(async () => { calls++; throw refusal }, { backoff })).rejects.toBe(refusal)
    expect(calls).toBe(1)
  })

  it('stops at the bound, in all attempts, and lets onGiveUp answer', async () => {
    const { backoff } = recording(3)
    let calls = 0
    const fail = async () => { calls++; throw raced('account') }
    await expect(withRetry(fail, { backoff })).rejects.toBeInstanceOf(TransactionRaced)
    expect(calls).toBe(3)
    await expect(withRetry(fail, { backoff, onGiveUp: async (_err, n) => `gave up after ${n}` })).resolves.toBe('gave up after 3')
  })

  it('tries an immediate failure again at once, still within the bound', async () => {
    const { backoff, sleeps } = recording(3)
    let calls = 0
    const full = async () => { calls++; throw raced('shard') }
    await expect(withRetry(full, { backoff, immediate: (e) => e instanceof TransactionRaced && e.failed.has('shard') })).rejects.toBeInstanceOf(TransactionRaced)
    expect(calls).toBe(3)
    expect(sleeps).toEqual([])
  })
})
