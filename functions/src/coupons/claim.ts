import { TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb'
import type { ClaimResponse, CouponChannel } from '@siyu/shared/schemas/coupons'
import { getItem, isConditionFailed, type Table } from '../lib/db'
import { DomainError } from '../lib/errors'
import type { Clock } from '../lib/ids'
import { keys } from '../lib/keys'
import { fingerprint } from '../lib/fingerprint'
import { post, type TransactItem } from '../ledger/post'
import { backoffDelay, defaultBackoff, isRetryableDynamoError, type Backoff } from '../lib/retry'
import { newCouponCode, newCouponItem, toCoupon, type CouponItem } from './coupon-item'
import { getTemplate, readShards, type ShardItem } from './templates'
import type { TemplateItem } from './template-item'
import { findCoupon } from './wallet'

export interface ClaimDeps {
  table: Table
  clock: Clock
  backoff?: Backoff
  /** Random source for shard choice and codes (tests make them collide). */
  random?: { shard: (n: number) => number; code: () => string }
  /** Test hooks into races that are otherwise hard to time. */
  hooks?: { beforeSoldOutMark?: () => Promise<void> }
}

const defaultRandom = { shard: (n: number) => Math.floor(Math.random() * n), code: newCouponCode }

export interface ClaimRequest {
  memberId: string
  templateId: string
  /** The client's Idempotency-Key: required, so a retry can never take a second coupon. */
  idempotencyKey: string
}

const soldOut = () => new DomainError('coupon.sold_out', '已抢光')
const limitReached = (limit: number) => new DomainError('coupon.limit_reached', `每人限领 ${limit} 张，您已领满`, { limit })

/** Refuses templates this channel cannot issue now (paused, not started, ended). */
function assertClaimable(t: TemplateItem, channel: CouponChannel['type'], now: Date) {
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

async function claimCount(table: Table, memberId: string, templateId: string): Promise<number> {
  const item = await getItem(table, keys.couponCount(memberId, templateId))
  return (item?.count as number | undefined) ?? 0
}

/** The business key of a claim or exchange: the member's own client key. */
const claimKey = (op: 'claim' | 'exchange', r: ClaimRequest) => `${op}:${r.templateId}:${r.memberId}:k:${r.idempotencyKey}`

/** The three items every issue writes: one unit of a shard, the member's count, the coupon. */
function issueItems(table: Table, t: TemplateItem, shard: number, coupon: CouponItem): TransactItem[] {
  return [
    {
      Update: {
        TableName: table.name, Key: keys.couponShard(t.id, shard),
        UpdateExpression: 'SET taken = taken + :one', ConditionExpression: 'taken < #total',
        ExpressionAttributeNames: { '#total': 'total' }, ExpressionAttributeValues: { ':one': 1 },
      },
    },
    {
      Update: {
        TableName: table.name, Key: keys.couponCount(coupon.memberId, t.id),
        UpdateExpression: 'SET #type = :type, memberId = :m, templateId = :t ADD #count :one',
        ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit',
        ExpressionAttributeNames: { '#type': 'type', '#count': 'count' },
        ExpressionAttributeValues: { ':type': 'couponCount', ':m': coupon.memberId, ':t': t.id, ':one': 1, ':limit': t.perMemberLimit },
      },
    },
    { Put: { TableName: table.name, Item: coupon, ConditionExpression: 'attribute_not_exists(pk)' } },
  ]
}

const ISSUE = { shard: 0, count: 1, coupon: 2 } as const

/** Shards that had room when read, in random order. */
function candidates(shards: ShardItem[], random: ClaimDeps['random'] & object): number[] {
  const open = shards.filter((s) => s.taken < s.total).map((s) => s.shard)
  for (let i = open.length - 1; i > 0; i--) {
    const j = random.shard(i + 1)
    ;[open[i], open[j]] = [open[j], open[i]]
  }
  return open
}

/**
 * The sold-out hint, for fast refusals (the shards stay the truth). Written only if the template's
 * stock is still the stock the consistent read found all taken: a raise commits the template's
 * new stock and clears the hint in one transaction, so a raise after that read fails this
 * condition and the hint can never stick with stock left.
 */
async function markSoldOut(table: Table, templateId: string, seenStock: number) {
  try {
    await table.db.send(new UpdateCommand({
      TableName: table.name, Key: keys.couponTemplate(templateId), UpdateExpression: 'SET soldOut = :t',
      ConditionExpression: 'totalStock = :seen', ExpressionAttributeValues: { ':t': true, ':seen': seenStock },
    }))
  } catch (err) {
    if (!isConditionFailed(err)) throw err
  }
}

/**
 * Shards with room on a consistent read, in random order. None: the template is sold out — the
 * hint is left (if still true) and the claim refused.
 */
async function openOrSoldOut(deps: ClaimDeps, t: TemplateItem): Promise<number[]> {
  const shards = (await readShards(deps.table, [t], true)).get(t.id) ?? []
  const open = candidates(shards, deps.random ?? defaultRandom)
  if (open.length > 0) return open
  await deps.hooks?.beforeSoldOutMark?.()
  await markSoldOut(deps.table, t.id, shards.reduce((n, s) => n + s.total, 0))
  throw soldOut()
}

async function replayOf(table: Table, key: string, hash: string, now: Date): Promise<ClaimResponse | undefined> {
  const item = await getItem(table, keys.idempotency(key))
  if (!item) return undefined
  if (item.hash !== hash) throw new DomainError('idempotency.mismatch', '该请求编号已用于另一笔不同的操作', { key })
  const code = (item.couponCode ?? (item.answer as { ref?: string } | undefined)?.ref) as string
  const coupon = await findCoupon(table, code)
  if (!coupon) throw new Error(`claim ${key} recorded without its coupon`)
  return { coupon: toCoupon(coupon, now), replayed: true }
}

/**
 * Claims a public coupon: one transaction takes a unit from a random stock shard with room
 * (`taken < total`; a full shard sends it to another), bumps the member's count under the limit,
 * creates the coupon, and records the claim key — so it is never oversold, never over the limit,
 * and a retry returns the first coupon.
 */
export async function claimCoupon(deps: ClaimDeps, r: ClaimRequest): Promise<ClaimResponse> {
  const t = await getTemplate(deps.table, r.templateId)
  const count = await claimCount(deps.table, r.memberId, t.id)
  return issue(deps, t, r.memberId, count, claimKey('claim', r), 'public')
}

/**
 * Gives a member a coupon of a gift template (a tier's upgrade or birthday gift) under the
 * caller's business key: the same stock, limit and single-transaction issue as a claim, once.
 */
export async function grantCoupon(deps: ClaimDeps, g: { memberId: string; templateId: string; key: string; channel: 'tier_gift' | 'birthday' }): Promise<ClaimResponse> {
  const t = await getTemplate(deps.table, g.templateId)
  return issue(deps, t, g.memberId, await claimCount(deps.table, g.memberId, t.id), `gift:${g.key}`, g.channel)
}

async function issue(deps: ClaimDeps, t: TemplateItem, memberId: string, count: number, key: string, channel: CouponChannel['type']): Promise<ClaimResponse> {
  const random = deps.random ?? defaultRandom
  const backoff = deps.backoff ?? defaultBackoff
  const hash = fingerprint({ op: 'claim', templateId: t.id, memberId })
  const replay = await replayOf(deps.table, key, hash, deps.clock())
  if (replay) return replay
  assertClaimable(t, channel, deps.clock())
  if (count >= t.perMemberLimit) throw limitReached(t.perMemberLimit)
  if (t.soldOut) throw soldOut()

  let open = candidates((await readShards(deps.table, [t])).get(t.id) ?? [], random)
  for (let attempt = 0; ; ) {
    // The cheap first read may be stale, and shards fill as others claim: look again, consistently.
    if (open.length === 0) open = await openOrSoldOut(deps, t)
    const now = deps.clock()
    const coupon = newCouponItem(t, memberId, random.code(), now, key)
    const items: TransactItem[] = [
      { Put: { TableName: deps.table.name, Item: { ...keys.idempotency(key), type: 'idempotency', hash, memberId, couponCode: coupon.code, createdAt: now.toISOString() }, ConditionExpression: 'attribute_not_exists(pk)' } },
      ...issueItems(deps.table, t, open[0], coupon),
    ]
    try {
      await deps.table.db.send(new TransactWriteCommand({ TransactItems: items }))
      return { coupon: toCoupon(coupon, now), replayed: false }
    } catch (err) {
      const reasons = (err as { name?: string; CancellationReasons?: { Code?: string }[] }).CancellationReasons?.map((c) => c.Code)
      if ((err as Error).name === 'TransactionCanceledException' && reasons?.includes('ConditionalCheckFailed')) {
        if (reasons[0] === 'ConditionalCheckFailed') {
          const first = await replayOf(deps.table, key, hash, deps.clock())
          if (first) return first
        }
        if (reasons[1 + ISSUE.count] === 'ConditionalCheckFailed') throw limitReached(t.perMemberLimit)
        if (reasons[1 + ISSUE.shard] === 'ConditionalCheckFailed') open = open.slice(1)
        continue // a code collision just draws another code
      }
      if (!isRetryableDynamoError(err) || ++attempt >= backoff.attempts) throw err
      await backoff.sleep(backoffDelay(backoff, attempt))
    }
  }
}

/**
 * Exchanges points for a coupon: the ledger spend and the issue (shard, count, coupon) are one
 * posting, so there are never points without a coupon nor a coupon without points. The entry's
 * ref is the coupon code, which is how a replay finds the coupon.
 */
export async function exchangeCoupon(deps: ClaimDeps, r: ClaimRequest): Promise<ClaimResponse> {
  const random = deps.random ?? defaultRandom
  const t = await getTemplate(deps.table, r.templateId)
  const count = await claimCount(deps.table, r.memberId, t.id)
  const key = claimKey('exchange', r)
  const payload = { op: 'exchange', templateId: t.id, memberId: r.memberId }
  const replay = await replayOf(deps.table, key, fingerprint(payload), deps.clock())
  if (replay) return replay
  assertClaimable(t, 'points', deps.clock())
  if (t.channel.type !== 'points') throw new Error('unreachable')
  const price = t.channel.pricePoints
  if (count >= t.perMemberLimit) throw limitReached(t.perMemberLimit)
  if (t.soldOut) throw soldOut()

  const full = new Set<number>()
  let coupon: CouponItem | undefined
  const result = await post(deps, {
    memberId: r.memberId,
    key,
    payload,
    plan: async () => {
      const shards = (await readShards(deps.table, [t], full.size > 0)).get(t.id) ?? []
      let open = candidates(shards.filter((s) => !full.has(s.shard)), random)
      if (open.length === 0) open = await openOrSoldOut(deps, t)
      const now = deps.clock()
      coupon = newCouponItem(t, r.memberId, random.code(), now, key)
      const shard = open[0]
      return {
        code: 'coupon_exchange',
        movements: [{ kind: 'spend', points: price }],
        ref: coupon.code,
        note: t.title,
        sideItems: issueItems(deps.table, t, shard, coupon),
        onSideConditionFailed: (i) => {
          if (i === ISSUE.count) return limitReached(t.perMemberLimit)
          if (i === ISSUE.shard) full.add(shard)
          return 'retry'
        },
      }
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
