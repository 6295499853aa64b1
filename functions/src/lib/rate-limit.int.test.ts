import { randomUUID } from 'node:crypto'
import { useIntegrationEnv } from '../../../test/integration'
import { getDeps } from './deps'
import { takeToken } from './rate-limit'
import { takeRateToken } from '../staff/staff-auth'

useIntegrationEnv()

const at = (iso: string, ms = 0) => ({ table: getDeps().table, clock: () => new Date(new Date(iso).getTime() + ms) })
const allowed = async (take: () => Promise<void>) => take().then(() => true, (err) => {
  if (err?.code !== 'rate.limited') throw err
  return false
})

describe('rate limits (token bucket)', () => {
  it('lets no more than the limit through across a minute boundary (47 scans in 0.9 s against 30 a minute)', async () => {
    const staffId = `m_rate${randomUUID().slice(0, 8)}`
    let passed = 0
    for (let i = 0; i < 47; i++) {
      // 12:00:59.500 … 12:01:00.400, as a clerk hammering the till across the minute's edge.
      if (await allowed(() => takeRateToken(at('2026-11-20T04:00:59.500Z', Math.round((i * 900) / 46)), staffId, 30))) passed++
    }
    expect(passed).toBe(30)
  })

  it('refills evenly: one more action per interval, a full bucket after the whole period', async () => {
    const bucket = `test:${randomUUID()}`
    const rule = { limit: 30, perSeconds: 60 }
    const T = '2026-11-20T04:00:00.000Z'
    for (let i = 0; i < 30; i++) expect(await allowed(() => takeToken(at(T), bucket, rule))).toBe(true)
    expect(await allowed(() => takeToken(at(T, 1_000), bucket, rule))).toBe(false)
    expect(await allowed(() => takeToken(at(T, 2_000), bucket, rule))).toBe(true)
    expect(await allowed(() => takeToken(at(T, 2_000), bucket, rule))).toBe(false)
    let later = 0
    for (let i = 0; i < 40; i++) if (await allowed(() => takeToken(at(T, 62_000), bucket, rule))) later++
    expect(later).toBe(30)
  })

  it('never lets concurrent takers exceed the limit', async () => {
    const bucket = `test:${randomUUID()}`
    const results = await Promise.all(Array.from({ length: 60 }, () => allowed(() => takeToken(at('2026-11-20T04:00:00Z'), bucket, { limit: 25, perSeconds: 60 }))))
    expect(results.filter(Boolean)).toHaveLength(25)
  })

  it('says when to try again', async () => {
    const bucket = `test:${randomUUID()}`
    await takeToken(at('2026-11-20T04:00:00Z'), bucket, { limit: 1, perSeconds: 10 })
    await expect(takeToken(at('2026-11-20T04:00:01Z'), bucket, { limit: 1, perSeconds: 10 })).rejects.toMatchObject({
      code: 'rate.limited', details: { retryAfterSeconds: 10 },
    })
  })
})
