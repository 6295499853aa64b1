import type { ClaimResponse, CouponChannel } from '@siyu/shared/schemas/coupons'
import { z } from 'zod'
import { couponPutNewPart } from '../entities/coupon'
import { couponCountBumpPart, couponCountOf, limitReached } from '../entities/coupon-count'
import { readShards, shardTakePart, type ShardItem } from '../entities/coupon-shard'
import { markTemplateSoldOut } from '../entities/coupon-template'
import { claimKeyPart, idempotentRequest, storedAnswer, type IdempotentRequest } from '../entities/idempotency'
import { post } from '../ledger/post'
import type { Table } from '../lib/db'
import { DomainError } from '../lib/errors'
import type { Clock } from '../lib/ids'
import { withRetry, type Backoff } from '../lib/retry'
import { commit, TransactionRaced, type Part } from '../lib/transact'
import { newCouponCode, newCouponItem, toCoupon, type CouponItem } from './coupon-item'
import { getTemplate, templateEnded } from './templates'
import type { TemplateItem } from './template-item'
import { findCoupon } from './wallet'

export interface ClaimDeps {
  table: Table
  clock: Clock
  backoff?: Backoff
  /** Random source for shard choice and codes (tests make them collide). */
  random?: { shard: (n: number) => number; code: () => string }
  /** Test hooks into races that are otherwise hard to time. */
  hooks?: { beforeSoldOutMark?: () => Promise<void>; beforeCommit?: () => Promise<void> }
}

const defaultRandom = { shard: (n: number) => Math.floor(Math.random() * n), code: newCouponCode }

export interface ClaimRequest {
  memberId: string
  templateId: string
  /** The client's Idempotency-Key: required, so a retry can never take a second coupon. */
  idempotencyKey: string
}

const soldOut = () => new DomainError('coupon.sold_out', '已抢光')

/** Refuses templates this channel cannot issue now (ended by an operator, paused, not started, over). */
function assertClaimable(t: TemplateItem, channel: CouponChannel['type'], now: Date) {
  if (t.endedAt) throw templateEnded()
  if (t.channel.type !== channel) {
    throw new DomainError('coupon.not_claimable', channel === 'public' ? '此券需用积分兑换' : channel === 'points' ? '此券不能用积分兑换' : '此券不能以这种方式发放')
  }
  if (t.paused) throw new DomainError('coupon.not_claimable', '此券已暂停发放', { reason: 'paused' })
  if (t.validity.type === 'window') {
    const iso = now.toISOString()
    if (iso < t.validity.from) throw new DomainError('coupon.not_claimable', '活动尚未开始', { reason: 'not_started' })
    if (iso >= t.validity.to) throw new DomainError('coupon.not_claimable', '活动已结束', { reason: 'ended' })
  }
}

/** What the member can be refused before anything is written: the channel, the limit (as read), the sold-out hint. */
async function assertIssuable(deps: ClaimDeps, t: TemplateItem, memberId: string, channel: CouponChannel['type']) {
  assertClaimable(t, channel, deps.clock())
  if ((await couponCountOf(deps.table, memberId, t.id)) >= t.perMemberLimit) throw limitReached(t.perMemberLimit)
  if (t.soldOut) throw soldOut()
}

/** The business key of a claim or exchange: the member's own client key. */
const claimKeyOf = (op: 'claim' | 'exchange', r: ClaimRequest) => `${op}:${r.templateId}:${r.memberId}:k:${r.idempotencyKey}`

/** What a claim's key answers every retry with. */
const ClaimAnswer = z.object({ couponCode: z.string() })

/** Shards that had room when read (and were not ended), in random order. */
function candidates(shards: ShardItem[], random: ClaimDeps['random'] & object): number[] {
  const open = shards.filter((s) => s.taken < s.total && !s.endedAt).map((s) => s.shard)
  for (let i = open.length - 1; i > 0; i--) {
    const j = random.shard(i + 1)
    ;[open[i], open[j]] = [open[j], open[i]]
  }
  return open
}

/**
 * Shards with room on a consistent read, in random order. None: the template was ended meanwhile
 * (its shards say so), or it is sold out — the hint is left (only if the stock is still the stock
 * that read summed: a raise meanwhile keeps it off) and the claim refused.
 */
async function openOrSoldOut(deps: ClaimDeps, t: TemplateItem): Promise<number[]> {
  const shards = (await readShards(deps.table, [t], true)).get(t.id) ?? []
  if (shards.some((s) => s.endedAt)) throw templateEnded()
  const open = candidates(shards, deps.random ?? defaultRandom)
  if (open.length > 0) return open
  await deps.hooks?.beforeSoldOutMark?.()
  await markTemplateSoldOut(deps.table, t.id, shards.reduce((n, s) => n + s.total, 0))
  throw soldOut()
}

/** Which shard to take a unit from: one that had room, a full one dropped; when none is left, a consistent look (or sold out). */
function shardPicker(deps: ClaimDeps, t: TemplateItem) {
  let open: number[] | undefined
  return {
    async next(): Promise<number> {
      open ??= candidates((await readShards(deps.table, [t])).get(t.id) ?? [], deps.random ?? defaultRandom)
      // The cheap first read may be stale, and shards fill as others claim: look again, consistently.
      if (open.length === 0) open = await openOrSoldOut(deps, t)
      return open[0]
    },
    full(shard: number): 'retry' {
      open = open?.filter((s) => s !== shard)
      return 'retry'
    },
  }
}
type ShardPicker = ReturnType<typeof shardPicker>

/** A shard found full is no contention: the next attempt takes another shard at once. */
const onlyShardFull = (err: unknown) => err instanceof TransactionRaced && err.failed.size === 1 && err.failed.has('shard')

/** The three parts every issue writes: one unit of a shard (full: try another), the member's count under the limit, the coupon. */
const issueParts = (table: Table, t: TemplateItem, shard: number, coupon: CouponItem, picker: ShardPicker): Part[] => [
  shardTakePart(table, t.id, shard, () => picker.full(shard)),
  couponCountBumpPart(table, coupon.memberId, t.id, t.perMemberLimit),
  couponPutNewPart(table, coupon),
]

async function replayOf(table: Table, req: IdempotentRequest, now: Date): Promise<ClaimResponse | undefined> {
  const first = await storedAnswer(table, req, (a) => ClaimAnswer.parse(a))
  if (!first) return undefined
  const coupon = await findCoupon(table, first.couponCode)
  if (!coupon) throw new Error(`claim ${req.key} recorded without its coupon`)
  return { coupon: toCoupon(coupon, now), replayed: true }
}

/**
 * Claims a public coupon: one transaction takes a unit from a random stock shard with room
 * (`taken < total`; a full shard sends it to another), bumps the member's count under the limit,
 * creates the coupon, and records the claim key — so it is never oversold, never over the limit,
 * and a retry returns the first coupon.
 */
export async function claimCoupon(deps: ClaimDeps, r: ClaimRequest): Promise<ClaimResponse> {
  return issue(deps, await getTemplate(deps.table, r.templateId), r.memberId, claimKeyOf('claim', r), 'public')
}

/**
 * Gives a member a coupon of a gift template (a tier's upgrade or birthday gift) under the
 * caller's business key: the same stock, limit and single-transaction issue as a claim, once.
 */
export async function grantCoupon(deps: ClaimDeps, g: { memberId: string; templateId: string; key: string; channel: 'tier_gift' | 'birthday' }): Promise<ClaimResponse> {
  return issue(deps, await getTemplate(deps.table, g.templateId), g.memberId, `gift:${g.key}`, g.channel)
}

async function issue(deps: ClaimDeps, t: TemplateItem, memberId: string, key: string, channel: CouponChannel['type']): Promise<ClaimResponse> {
  const random = deps.random ?? defaultRandom
  const req = idempotentRequest(key, { op: 'claim', templateId: t.id, memberId })
  const replay = () => replayOf(deps.table, req, deps.clock())
  const first = await replay()
  if (first) return first
  try {
    await assertIssuable(deps, t, memberId, channel)
  } catch (err) {
    // Full only because a copy of this request committed after the key was read: its coupon is the answer.
    const copy = err instanceof DomainError ? await replay() : undefined
    if (copy) return copy
    throw err
  }
  const picker = shardPicker(deps, t)
  return withRetry(async (n) => {
    // A lost race may have been lost to a copy of this very request: its coupon is the answer.
    const again = n > 0 ? await replay() : undefined
    if (again) return again
    const shard = await picker.next()
    const now = deps.clock()
    const coupon = newCouponItem(t, memberId, random.code(), now, key)
    await deps.hooks?.beforeCommit?.()
    try {
      await commit(deps.table, [claimKeyPart(deps.table, req, { couponCode: coupon.code }, now.toISOString(), memberId), ...issueParts(deps.table, t, shard, coupon, picker)])
    } catch (err) {
      // The limit may be full only because a copy of this request took the last place.
      const copy = err instanceof DomainError ? await replay() : undefined
      if (copy) return copy
      throw err
    }
    return { coupon: toCoupon(coupon, now), replayed: false }
  }, { backoff: deps.backoff, immediate: onlyShardFull })
}

/** The price of a points template (its channel checked already). */
function pointsPrice(t: TemplateItem): number {
  if (t.channel.type !== 'points') throw new Error('unreachable')
  return t.channel.pricePoints
}

/**
 * Exchanges points for a coupon: the ledger spend and the issue (shard, count, coupon) are one
 * posting, so there are never points without a coupon nor a coupon without points. The entry's
 * ref is the coupon code, which is how a replay finds the coupon. The ledger reads the key first,
 * so a replay answers before any refusal.
 */
export async function exchangeCoupon(deps: ClaimDeps, r: ClaimRequest): Promise<ClaimResponse> {
  const random = deps.random ?? defaultRandom
  const t = await getTemplate(deps.table, r.templateId)
  const key = claimKeyOf('exchange', r)
  const picker = shardPicker(deps, t)
  let coupon: CouponItem | undefined
  const result = await post(deps, {
    memberId: r.memberId,
    key,
    payload: { op: 'exchange', templateId: t.id, memberId: r.memberId },
    plan: async () => {
      await assertIssuable(deps, t, r.memberId, 'points')
      const price = pointsPrice(t)
      const shard = await picker.next()
      coupon = newCouponItem(t, r.memberId, random.code(), deps.clock(), key)
      return { code: 'coupon_exchange', movements: [{ kind: 'spend', points: price }], ref: coupon.code, note: t.title, sideParts: issueParts(deps.table, t, shard, coupon, picker) }
    },
  })
  if (!result) throw new Error('exchange posted nothing')
  if (result.replayed || !coupon) {
    const stored = await findCoupon(deps.table, result.entry.ref)
    if (!stored) throw new Error(`exchange ${key} recorded without its coupon`)
    return { coupon: toCoupon(stored, deps.clock()), replayed: true }
  }
  return { coupon: toCoupon(coupon, deps.clock()), replayed: false }
}
