import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb'
import type { Table } from '../lib/db'
import type { TransactItem } from '../ledger/post'

/** One item of a transaction, named so a refusal is found by what it guards, never by its position. */
export interface Part<N extends string> {
  name: N
  item: TransactItem
}

/** The names of the parts whose condition failed; empty when cancelled for another reason (a conflict). */
export type Cancelled<N extends string> = ReadonlySet<N>

/**
 * Writes the parts in one TransactWriteItems. Null when it committed; when DynamoDB cancelled it,
 * the names of the parts that failed their condition (read from `CancellationReasons`, which come
 * in the order of the items sent).
 */
export async function transact<N extends string>(table: Table, parts: readonly Part<N>[]): Promise<Cancelled<N> | null> {
  try {
    await table.db.send(new TransactWriteCommand({ TransactItems: parts.map((p) => p.item) }))
    return null
  } catch (err) {
    const e = err as { name?: string; CancellationReasons?: { Code?: string }[] }
    if (e?.name !== 'TransactionCanceledException') throw err
    const reasons = e.CancellationReasons ?? []
    return new Set(parts.filter((_, i) => reasons[i]?.Code === 'ConditionalCheckFailed').map((p) => p.name))
  }
}

/** A part that is present only when `when` holds (an optional counter, a cap). */
export const partIf = <N extends string>(when: boolean, part: () => Part<N>): Part<N>[] => (when ? [part()] : [])
