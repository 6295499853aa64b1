import type { Part } from '../lib/transact'
import { commit } from '../lib/transact'
import { isRetryable } from '../lib/retry'
import type { Table } from '../lib/db'
import { growthCheckPart } from '../entities/growth'
import { tierPutPart, TierMoved, type TierItem } from '../entities/tier'
import { tierLogPutPart, type TierLog } from '../entities/tier-log'
import type { Growth } from './tier-state'

export { reviewIndex, TierMoved } from '../entities/tier'
export type { TierLog } from '../entities/tier-log'

/** What the tier's retry policy plans again: a lost race on the tier (TierMoved) or on the table. */
export const tierRetryable = (err: unknown) => err instanceof TierMoved || isRetryable(err)

/** The tier item and (for a change of tier) its log entry, conditioned on the version read: of two racing changes one wins. */
export function tierChangeParts(table: Table, before: TierItem | undefined, after: TierItem, log?: TierLog): Part[] {
  return [tierPutPart(table, before, after), ...(log ? [tierLogPutPart(table, after.memberId, after.version, after.tier, log)] : [])]
}

/**
 * Conditions on the growth a decision was made from: each month read unchanged, and the current
 * month (where purchases add) still absent if it was. A purchase or refund in between is TierMoved.
 */
export function growthChecks(table: Table, memberId: string, growth: Growth): Part[] {
  const months = growth.toMonth in growth.months ? Object.keys(growth.months) : [...Object.keys(growth.months), growth.toMonth]
  return months.map((month) => growthCheckPart(table, memberId, month, growth.months[month], () => new TierMoved()))
}

/** Writes a tier change; a lost race is TierMoved (a condition) or TransactionRaced (a conflict), both `tierRetryable`. */
export const sendTierTx = (table: Table, parts: Part[]): Promise<void> => commit(table, parts)

/** The pending lot holding a provisional upgrade's gift points. */
export const giftLotRef = (memberId: string, id: number) => `tierup:${memberId}:${id}`

/** Business key of one crossed tier's gift coupons. */
export const giftKey = (memberId: string, tier: string, id: number) => `tierup:${memberId}:${tier}:v${id}`
