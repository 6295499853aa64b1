import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb'
import type { Table } from './db'
import { DomainError } from './errors'

/** One raw item of a TransactWriteItems (built only by entity modules). */
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number]

/** What a failed condition of a part means: a refusal to report, or 'retry' (plan again on fresh data). */
export type OnConditionFailed = () => DomainError | 'retry'

/**
 * One item of a transaction, named by what it guards. A failed condition is reported by the part
 * itself (`onConditionFailed`, default 'retry'), never by its position in the array.
 */
export interface Part<N extends string = string> {
  name: N
  item: TransactItem
  onConditionFailed?: OnConditionFailed
}

/** What an update part changes and when: an UpdateItem without its table and key. */
export type UpdateFields = Omit<NonNullable<TransactItem['Update']>, 'TableName' | 'Key'>

/** A part that updates one item of the table (the shape every entity's update parts share). */
export function updatePart<N extends string>(name: N, table: Table, key: Record<string, string>, update: UpdateFields, onConditionFailed?: OnConditionFailed): Part<N> {
  return { name, item: { Update: { TableName: table.name, Key: key, ...update } }, ...(onConditionFailed ? { onConditionFailed } : {}) }
}

/** The names of the parts whose condition failed; empty when cancelled for another reason (a conflict). */
export type Cancelled<N extends string> = ReadonlySet<N>

/** A transaction lost a race (a 'retry' part failed, or DynamoDB reported a conflict): worth planning again. */
export class TransactionRaced extends Error {
  override name = 'TransactionRaced'
  constructor(readonly failed: ReadonlySet<string>, options?: { cause?: unknown }) {
    super(failed.size ? `conditions failed: ${[...failed].join(', ')}` : 'transaction conflict', options)
  }
}

function assertUniqueNames(parts: readonly Part[]): void {
  const seen = new Set<string>()
  for (const p of parts) {
    if (seen.has(p.name)) throw new Error(`transaction part named twice: ${p.name}`)
    seen.add(p.name)
  }
}

/**
 * Writes the parts in one TransactWriteItems. Null when it committed; when DynamoDB cancelled it,
 * the names of the parts that failed their condition (`CancellationReasons` come in the order of
 * the items sent; the names make that order irrelevant to callers).
 */
export async function transact<N extends string>(table: Table, parts: readonly Part<N>[]): Promise<Cancelled<N> | null> {
  assertUniqueNames(parts)
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

/**
 * Writes the parts and throws what a failure means: the refusal of the first failed part (in the
 * order given) that reports one, else `TransactionRaced` for the retry policy.
 */
export async function commit(table: Table, parts: readonly Part[]): Promise<void> {
  const failed = await transact(table, parts)
  if (!failed) return
  for (const part of parts) {
    if (!failed.has(part.name)) continue
    const outcome = part.onConditionFailed?.() ?? 'retry'
    if (outcome instanceof DomainError) throw outcome
  }
  throw new TransactionRaced(failed)
}

/** A part that is present only when `when` holds (an optional counter, a cap). */
export const partIf = <N extends string>(when: boolean, part: () => Part<N>): Part<N>[] => (when ? [part()] : [])

/** A refusal as a part's `onConditionFailed`. */
export const refuseWith = (code: ConstructorParameters<typeof DomainError>[0], message: string): OnConditionFailed => () => new DomainError(code, message)
