import { randomUUID } from 'node:crypto'
import type { Table } from '../lib/db'
import { DomainError } from '../lib/errors'
import type { Clock } from '../lib/ids'
import { logger } from '../lib/logger'
import { decryptPii, encryptPii } from '../lib/pii'
import { readWechatToken, releaseWechatTokenLeaseFailed, storeWechatToken, takeWechatTokenLease, type WechatTokenItem } from '../entities/wechat-token'

/** Where the shared token lives: the table, sealed with the PII key (it is a credential). */
export interface TokenStore {
  table: Table
  sealKey: Buffer
}

export interface TokenTiming {
  /** Refresh this long before WeChat's expiry (its own grace for the old token is 5 minutes). */
  refreshAheadMs: number
  /** How long a refresher holds the lease: longer than one `/cgi-bin/token` call may take. */
  leaseMs: number
  /** How often a caller with no usable token looks again while another refreshes. */
  pollMs: number
}

export const defaultTokenTiming: TokenTiming = { refreshAheadMs: 10 * 60_000, leaseMs: 8_000, pollMs: 100 }

type Fetched = { value: string; expiresInSeconds: number }
type Usable = { value: string; sealed: string; refreshAt: number; expiresAt: number }

const unavailable = () => new DomainError('wechat.unavailable', '微信服务暂时不可用，请稍后重试')

/**
 * The app's one WeChat access token, shared by every Lambda container through one table item.
 * Each `/cgi-bin/token` call invalidates the previous token (after WeChat's short grace) and
 * spends the daily quota, so exactly one caller fetches at a time, under a conditional lease:
 * whoever first finds the token due (refresh-ahead), missing, or refused by WeChat (`stale`)
 * takes the lease and fetches; the others keep using the stored token while it is valid, or
 * wait briefly and read again. A container keeps the token in memory until it is due.
 */
export function createSharedAccessToken(opts: {
  store: TokenStore
  appId: string
  clock: Clock
  fetchToken: () => Promise<Fetched>
  timing?: Partial<TokenTiming>
  sleep?: (ms: number) => Promise<void>
}) {
  const timing = { ...defaultTokenTiming, ...opts.timing }
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)))
  const { table, sealKey } = opts.store
  const { appId } = opts
  const holder = randomUUID()
  let cached: Usable | undefined

  const now = () => opts.clock().getTime()

  function open(item: WechatTokenItem | undefined): Usable | undefined {
    if (!item?.sealed || !item.expiresAt || !item.refreshAt) return undefined
    try {
      return { value: decryptPii(sealKey, item.sealed), sealed: item.sealed, refreshAt: item.refreshAt, expiresAt: item.expiresAt }
    } catch {
      return undefined // sealed with a previous key: fetch a new one
    }
  }

  /** The lease, only while the stored token is still the one this caller saw (none, due, or refused). */
  const takeLease = (seen: string | undefined, at: number) => takeWechatTokenLease(table, appId, { holder, until: at + timing.leaseMs, now: at, seen })

  async function refresh(): Promise<Usable> {
    let fetched: Fetched
    try {
      fetched = await opts.fetchToken()
    } catch (err) {
      // Give the lease back, and tell the waiters this attempt failed rather than let each try in turn.
      await releaseWechatTokenLeaseFailed(table, appId, holder, now())
      throw err
    }
    const at = now()
    const lifeMs = fetched.expiresInSeconds * 1000
    const token: Usable = {
      value: fetched.value, sealed: encryptPii(sealKey, fetched.value),
      refreshAt: at + lifeMs - Math.min(timing.refreshAheadMs, lifeMs / 2),
      expiresAt: at + lifeMs - 60_000, // never used in its last minute
    }
    const stored = await storeWechatToken(table, appId, holder, { sealed: token.sealed, refreshAt: token.refreshAt, expiresAt: token.expiresAt, fetchedAt: at })
    if (!stored) logger.warn('wechat access token lease lost before the token was stored')
    logger.info('wechat access token refreshed', { refreshAt: new Date(token.refreshAt).toISOString() })
    return token
  }

  /** A token WeChat should accept; `stale` is one it just refused (40001): it is replaced once. */
  async function get(stale?: string): Promise<string> {
    if (cached && cached.value !== stale && now() < cached.refreshAt) return cached.value
    const since = now()
    for (let waited = 0; ; waited += timing.pollMs) {
      const item = await readWechatToken(table, appId)
      const stored = open(item)
      const at = now()
      const usable = stored && stored.value !== stale && at < stored.expiresAt ? stored : undefined
      if (usable && at < usable.refreshAt) return (cached = usable).value
      const leaseFree = !item?.leaseUntil || item.leaseUntil < at
      // After a failed fetch, a token that still works is used for a while rather than fetched again at once.
      const backingOff = usable !== undefined && item?.failedAt !== undefined && at - item.failedAt < timing.leaseMs
      if (leaseFree && !backingOff && (await takeLease(item?.sealed, at))) {
        try {
          return (cached = await refresh()).value
        } catch (err) {
          if (usable) return usable.value // an early refresh failed: the current token still works
          throw err
        }
      }
      if (usable) return usable.value // due, but another caller is refreshing it: this one still works
      if ((item?.failedAt ?? -Infinity) >= since || waited > 2 * timing.leaseMs) throw unavailable()
      await sleep(timing.pollMs)
    }
  }

  return { get }
}

export type SharedAccessToken = ReturnType<typeof createSharedAccessToken>
