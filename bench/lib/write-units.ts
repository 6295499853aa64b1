import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb'

/**
 * DynamoDB's item size (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html):
 * attribute names and string values in UTF-8 bytes, numbers ~1 byte per two significant digits
 * plus one, booleans and null 1 byte, lists and maps 3 bytes plus 1 byte per element.
 */
export function itemSize(item: Record<string, unknown>): number {
  return Object.entries(item).reduce((n, [name, value]) => (value === undefined ? n : n + Buffer.byteLength(name) + valueSize(value)), 0)
}

function valueSize(v: unknown): number {
  if (typeof v === 'string') return Buffer.byteLength(v)
  if (typeof v === 'number') return Math.ceil(String(Math.abs(v)).replace(/[.-]|e.*$/g, '').replace(/^0+/, '').length / 2) + 1
  if (typeof v === 'boolean' || v === null) return 1
  if (Buffer.isBuffer(v) || v instanceof Uint8Array) return v.byteLength
  if (Array.isArray(v)) return 3 + v.reduce((n: number, x) => n + valueSize(x) + 1, 0)
  if (typeof v === 'object') return 3 + Object.entries(v as object).reduce((n, [k, x]) => n + Buffer.byteLength(k) + valueSize(x) + 1, 0)
  return 0
}

const KB = 1024

/**
 * Write request units one TransactWriteItems consumes: 2 per KB per item (transactions cost
 * double), plus 1 per KB for each item that also lands in the GSI. Puts are sized exactly; an
 * Update, Delete or ConditionCheck is sized by its key, i.e. counted as one unit of 1 KB — the
 * ledger's updated and deleted items (pending lots, lot index) are all well under 1 KB.
 */
export function transactionWriteUnits(input: TransactWriteCommandInput): number {
  let units = 0
  for (const t of input.TransactItems ?? []) {
    const item = (t.Put?.Item ?? t.Update?.Key ?? t.Delete?.Key ?? t.ConditionCheck?.Key ?? {}) as Record<string, unknown>
    const kb = Math.max(1, Math.ceil(itemSize(item) / KB))
    units += 2 * kb
    const inIndex = t.Put ? 'gsi1pk' in item : Boolean(t.Update?.UpdateExpression?.includes('gsi1') || t.Delete)
    if (inIndex) units += kb
  }
  return units
}
