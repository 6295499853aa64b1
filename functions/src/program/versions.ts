import { defaultProgramRules } from '@siyu/shared/rules/program-rules'
import { diffRules } from '@siyu/shared/rules/rules-diff'
import type { RulesVersionsPage } from '@siyu/shared/schemas/console'
import { z } from 'zod'
import { personRefs } from '../console/names'
import { requireAdmin } from '../console/operator'
import { rulesVersionsPage } from '../entities/program-rules'
import { decodeCursor, encodeCursor } from '../lib/cursor'
import type { Table } from '../lib/db'
import type { Session } from '../lib/session'

const SCOPE = 'rules-versions'

/**
 * `GET /v1/admin/program/versions`: published versions, newest first, each with who published it
 * and what changed against the version before (the built-in defaults for version 1, or when the
 * previous one was never stored). One Query reads the page and the version before its last one.
 */
export async function listProgramVersions(table: Table, session: Session, q: { cursor?: string; limit: number }): Promise<RulesVersionsPage> {
  await requireAdmin(table, session)
  const after = decodeCursor(q.cursor, SCOPE, z.object({ v: z.number().int().min(2).max(999_999) }))
  const items = await rulesVersionsPage(table, after?.v, q.limit + 1)
  const shown = items.slice(0, q.limit)
  const names = await personRefs(table, shown.map((i) => i.publishedBy))
  return {
    items: shown.map((item, i) => {
      const older = items[i + 1]
      const previous = older && older.rules.version === item.rules.version - 1 ? older.rules : defaultProgramRules()
      return {
        version: item.rules.version,
        publishedAt: item.createdAt,
        publishedBy: item.publishedBy ? (names.get(item.publishedBy) ?? null) : null,
        scheduledChangeId: item.scheduledChangeId,
        changes: diffRules(previous, item.rules),
      }
    }),
    nextCursor: items.length > q.limit ? encodeCursor(SCOPE, { v: shown[shown.length - 1].rules.version }) : null,
  }
}
