import { createHash } from 'node:crypto'
import { z } from 'zod'
import { DomainError } from './errors'

/**
 * Opaque page cursors. A cursor carries the position where the next page starts and a short
 * hash of the query it belongs to (its partition and filters), base64url-encoded JSON. Decoding
 * checks both, so garbage, a hand-made position or a cursor from another query is a 400 — never
 * a malformed key handed to DynamoDB (which would be a 500).
 */
const scopeHash = (query: string) => createHash('sha256').update(query).digest('base64url').slice(0, 12)

export function encodeCursor(query: string, position: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify({ q: scopeHash(query), p: position })).toString('base64url')
}

const invalid = () => new DomainError('request.invalid', '分页参数无效，请从第一页重新加载', [{ path: 'query.cursor', message: '分页参数无效', code: 'invalid_cursor' }])

const Envelope = z.object({ q: z.string(), p: z.record(z.string(), z.unknown()) })

/** The position of a cursor issued for `query`, checked against `position`; undefined when no cursor is given. */
export function decodeCursor<S extends z.ZodType>(cursor: string | undefined, query: string, position: S): z.output<S> | undefined {
  if (cursor === undefined || cursor === '') return undefined
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(cursor)) throw invalid()
  let raw: unknown
  try {
    raw = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  } catch {
    throw invalid()
  }
  const envelope = Envelope.safeParse(raw)
  if (!envelope.success || envelope.data.q !== scopeHash(query)) throw invalid()
  const parsed = position.safeParse(envelope.data.p)
  if (!parsed.success) throw invalid()
  return parsed.data
}

/** A sort-key position inside one key prefix (printable, bounded). */
export const sortKeyAfter = (prefix: string) => z.string().max(300).regex(/^[\x21-\x7e]+$/).refine((s) => s.startsWith(prefix))
