import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb'
import type { TierChange } from '@siyu/shared/schemas/tiers'
import { DomainError } from '../lib/errors'
import type { Table } from '../lib/db'
import { keys } from '../lib/keys'
import type { TransactItem } from '../ledger/post'
import type { Growth, ProvisionalUpgrade, TierItem } from './tier-state'

/**
 * The tier item (or the growth it was decided on) changed under a write: read again and decide
 * again. A DomainError only so a ledger posting's side-item refusal can carry it out.
 */
export class TierMoved extends DomainError {
  constructor() {
    super('ledger.busy', '会员等级正在变化，请稍后重试')
  }
}

/** The tier item's review index: only tiers above the first are reviewed. */
export const reviewIndex = (reviewOn: string | null, memberId: string) => (reviewOn ? { gsi1pk: keys.tierReviewDay(reviewOn), gsi1sk: memberId } : {})

export interface TierLog {
  from: string
  reason: TierChange['reason']
  growthFen: number
  at: string
  /** The purchase that caused an upgrade, or the order whose refund or void undid one. */
  orderId?: string
}

/** The tier item and (for a change of tier) its log entry, conditioned on the version read: of two racing changes one wins. */
export function tierChangeItems(table: Table, before: TierItem | undefined, after: TierItem, log?: TierLog): TransactItem[] {
  const { provisional, ...rest } = after
  const item = provisional?.length ? after : rest // no empty list left behind
  return [
    {
      Put: {
        TableName: table.name, Item: item,
        ...(before ? { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': before.version } } : { ConditionExpression: 'attribute_not_exists(pk)' }),
      },
    },
    ...(log
      ? [{
          Put: {
            TableName: table.name,
            Item: {
              ...keys.tierLog(after.memberId, log.at, after.version), type: 'tierLog', memberId: after.memberId, at: log.at, from: log.from, to: after.tier,
              reason: log.reason, growthFen: log.growthFen, ...(log.orderId ? { orderId: log.orderId } : {}),
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        }]
      : []),
  ]
}

/**
 * Conditions on the growth a decision was made from: each month read unchanged, and the current
 * month (where purchases add) still absent if it was. A purchase or refund in between fails the write.
 */
export function growthChecks(table: Table, memberId: string, growth: Growth): TransactItem[] {
  const months = growth.toMonth in growth.months ? Object.keys(growth.months) : [...Object.keys(growth.months), growth.toMonth]
  return months.map((month) => ({
    ConditionCheck: {
      TableName: table.name, Key: keys.growth(memberId, month),
      ...(month in growth.months
        ? { ConditionExpression: 'fen = :fen', ExpressionAttributeValues: { ':fen': growth.months[month] } }
        : { ConditionExpression: 'attribute_not_exists(pk)' }),
    },
  }))
}

/** The provisional upgrade's entry in the index the confirmation job reads (rewritten when its window moves). */
export function confirmIndexPut(table: Table, memberId: string, p: Pick<ProvisionalUpgrade, 'id' | 'until'>): TransactItem {
  const k = keys.tierConfirm(memberId, p.id, p.until)
  return { Put: { TableName: table.name, Item: { ...k, type: 'tierConfirm', memberId, id: p.id, until: p.until } } }
}

export function confirmIndexDelete(table: Table, memberId: string, id: number): TransactItem {
  const { pk, sk } = keys.tierConfirm(memberId, id, '')
  return { Delete: { TableName: table.name, Key: { pk, sk } } }
}

/** Writes a tier change; a lost race (any condition) is TierMoved. */
export async function sendTierTx(table: Table, items: TransactItem[]): Promise<void> {
  try {
    await table.db.send(new TransactWriteCommand({ TransactItems: items }))
  } catch (err) {
    if ((err as Error).name === 'TransactionCanceledException') throw new TierMoved()
    throw err
  }
}

/** The pending lot holding a provisional upgrade's gift points. */
export const giftLotRef = (memberId: string, id: number) => `tierup:${memberId}:${id}`

/** Business key of one crossed tier's gift coupons. */
export const giftKey = (memberId: string, tier: string, id: number) => `tierup:${memberId}:${tier}:v${id}`
