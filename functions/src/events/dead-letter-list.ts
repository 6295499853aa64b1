import type { DeadLettersPage } from '@siyu/shared/schemas/events'
import { z } from 'zod'
import { deadLettersPage } from '../entities/dead-letter'
import { decodeCursor, encodeCursor, sortKeyAfter } from '../lib/cursor'
import type { Table } from '../lib/db'

/** Dead letters, newest failure first, paged by the server's cursor. */
export async function listDeadLetters(table: Table, q: { cursor?: string; limit: number }): Promise<DeadLettersPage> {
  const after = decodeCursor(q.cursor, 'dead-letters', z.object({ gsi1sk: sortKeyAfter('') }))
  const page = await deadLettersPage(table, q.limit, after?.gsi1sk)
  return { items: page.letters, nextCursor: page.last ? encodeCursor('dead-letters', { gsi1sk: page.last }) : null }
}
