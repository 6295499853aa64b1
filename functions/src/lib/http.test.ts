import { errorResponse } from './http'

describe('error responses', () => {
  it('tell a rate-limited client when to try again (Retry-After)', () => {
    const res = errorResponse('rate.limited', '操作过于频繁', { retryAfterSeconds: 2 }) as { statusCode: number; headers: Record<string, string> }
    expect(res.statusCode).toBe(429)
    expect(res.headers['retry-after']).toBe('2')
  })
})
