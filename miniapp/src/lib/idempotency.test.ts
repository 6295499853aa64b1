import { ApiError } from '@/api/errors'
import { newIdempotencyKey, withIdempotencyKey } from './idempotency'

const offline = () => new ApiError('network.failed', '网络异常，请稍后重试', 0)
const soldOut = () => new ApiError('coupon.sold_out', '已抢光', 409)

describe('newIdempotencyKey', () => {
  it('makes keys the API accepts, different every time', () => {
    const keys = Array.from({ length: 200 }, () => newIdempotencyKey())
    for (const key of keys) expect(key).toMatch(/^[A-Za-z0-9_-]{8,64}$/)
    expect(new Set(keys).size).toBe(keys.length)
  })
})

describe('withIdempotencyKey', () => {
  it('sends once when an answer arrives', async () => {
    const send = jest.fn((key: string) => Promise.resolve(key))
    await expect(withIdempotencyKey(send, { key: 'key-00000001' })).resolves.toBe('key-00000001')
    expect(send).toHaveBeenCalledTimes(1)
  })

  it('retries an unanswered request with the same key', async () => {
    const send = jest.fn<Promise<string>, [string]>().mockRejectedValueOnce(offline()).mockResolvedValueOnce('ok')
    await expect(withIdempotencyKey(send, { delayMs: 0 })).resolves.toBe('ok')
    expect(send).toHaveBeenCalledTimes(2)
    expect(send.mock.calls[1][0]).toBe(send.mock.calls[0][0])
  })

  it('gives up after the retries, with the network error', async () => {
    const send = jest.fn(() => Promise.reject(offline()))
    await expect(withIdempotencyKey(send, { delayMs: 0, retries: 2 })).rejects.toMatchObject({ code: 'network.failed' })
    expect(send).toHaveBeenCalledTimes(3)
  })

  it('does not repeat a refusal: the server has answered', async () => {
    const send = jest.fn(() => Promise.reject(soldOut()))
    await expect(withIdempotencyKey(send, { delayMs: 0 })).rejects.toMatchObject({ code: 'coupon.sold_out' })
    expect(send).toHaveBeenCalledTimes(1)
  })

  it('uses a new key for each action', async () => {
    const keys: string[] = []
    const send = (key: string) => Promise.resolve(void keys.push(key))
    await withIdempotencyKey(send)
    await withIdempotencyKey(send)
    expect(keys[0]).not.toBe(keys[1])
  })
})
