import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb'
import { z } from 'zod'
import { conditionally, getItem, type Table } from '../lib/db'
import { keys } from '../lib/keys'

/** `RECONCILE` / `CHECKPOINT`: the pass in progress, where it stopped, and the run holding it. */
export const Checkpoint = z
  .object({
    startedAt: z.string(),
    resumeFrom: z.record(z.string(), z.unknown()).optional(),
    accounts: z.number().int(),
    entries: z.number().int(),
    drifts: z.number().int(),
    /** The run holding the pass until then; another run waits for it to lapse. */
    leaseUntil: z.string(),
    version: z.number().int(),
  })
  .loose()
export type Checkpoint = z.infer<typeof Checkpoint>

/** `RECONCILE` / `LAST`: the last finished pass. */
export const LastPass = z.object({ startedAt: z.string() }).loose()

export async function findCheckpoint(table: Table): Promise<Checkpoint | undefined> {
  const raw = await getItem(table, keys.reconcileCheckpoint())
  return raw ? Checkpoint.parse(raw) : undefined
}

export async function findLastPass(table: Table): Promise<z.infer<typeof LastPass> | undefined> {
  const raw = await getItem(table, keys.reconcileLastPass())
  return raw ? LastPass.parse(raw) : undefined
}

/** Saves the checkpoint over the version read (`undefined`: none stored); false when another run moved it. */
export async function saveCheckpoint(table: Table, c: Checkpoint, readVersion: number | undefined): Promise<boolean> {
  return conditionally(table.db.send(new PutCommand({
    TableName: table.name,
    Item: { ...c, ...keys.reconcileCheckpoint(), type: 'reconcileCheckpoint' },
    ...(readVersion === undefined ? { ConditionExpression: 'attribute_not_exists(pk)' } : { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': readVersion } }),
  })))
}

/** Records the finished pass and removes its checkpoint (conditioned on the version held). */
export async function finishPass(table: Table, pass: Record<string, unknown>, heldVersion: number): Promise<void> {
  await table.db.send(new PutCommand({ TableName: table.name, Item: { ...keys.reconcileLastPass(), type: 'reconcilePass', ...pass } }))
  await table.db.send(new DeleteCommand({ TableName: table.name, Key: keys.reconcileCheckpoint(), ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': heldVersion } }))
}
