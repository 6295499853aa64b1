import { UpdateCommand, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb'
import { z } from 'zod'
import { conditionally, getItem, type Table } from '../lib/db'
import { keys } from '../lib/keys'

/**
 * The app's one WeChat access token (`WECHAT#{appId}` / `ACCESSTOKEN`), shared by every container:
 * the token sealed with the PII key, when to refresh it and when it expires (epoch ms), and the
 * refresher's lease. Every write is conditional: false when its condition did not hold.
 */
export const WechatTokenItem = z.object({
  sealed: z.string().optional(),
  refreshAt: z.number().optional(),
  expiresAt: z.number().optional(),
  leaseHolder: z.string().optional(),
  leaseUntil: z.number().optional(),
  failedAt: z.number().optional(),
}).loose()
export type WechatTokenItem = z.infer<typeof WechatTokenItem>

export async function readWechatToken(table: Table, appId: string): Promise<WechatTokenItem | undefined> {
  const raw = await getItem(table, keys.wechatAccessToken(appId))
  return raw ? WechatTokenItem.parse(raw) : undefined
}

async function conditional(table: Table, appId: string, input: Omit<UpdateCommandInput, 'TableName' | 'Key'>): Promise<boolean> {
  return conditionally(table.db.send(new UpdateCommand({ TableName: table.name, Key: keys.wechatAccessToken(appId), ...input })))
}

/** The lease, only when free and while the stored token is still the one the caller saw (`seen`: none, due, or refused). */
export const takeWechatTokenLease = (table: Table, appId: string, lease: { holder: string; until: number; now: number; seen: string | undefined }) =>
  conditional(table, appId, {
    UpdateExpression: 'SET leaseHolder = :me, leaseUntil = :until',
    ConditionExpression: `(attribute_not_exists(leaseUntil) OR leaseUntil < :now) AND ${lease.seen ? 'sealed = :seen' : 'attribute_not_exists(sealed)'}`,
    ExpressionAttributeValues: { ':me': lease.holder, ':until': lease.until, ':now': lease.now, ...(lease.seen ? { ':seen': lease.seen } : {}) },
  })

/** The lease given back after a failed fetch, with the time of the failure (for the waiters), if the holder still holds it. */
export const releaseWechatTokenLeaseFailed = (table: Table, appId: string, holder: string, at: number) =>
  conditional(table, appId, {
    UpdateExpression: 'SET failedAt = :now REMOVE leaseHolder, leaseUntil', ConditionExpression: 'leaseHolder = :me',
    ExpressionAttributeValues: { ':me': holder, ':now': at },
  })

/** The new token stored and the lease released, if the holder still holds it. */
export const storeWechatToken = (table: Table, appId: string, holder: string, token: { sealed: string; refreshAt: number; expiresAt: number; fetchedAt: number }) =>
  conditional(table, appId, {
    UpdateExpression: 'SET sealed = :sealed, refreshAt = :refreshAt, expiresAt = :expiresAt, fetchedAt = :at REMOVE leaseHolder, leaseUntil, failedAt',
    ConditionExpression: 'leaseHolder = :me',
    ExpressionAttributeValues: { ':me': holder, ':sealed': token.sealed, ':refreshAt': token.refreshAt, ':expiresAt': token.expiresAt, ':at': token.fetchedAt },
  })
