import type { AdminCouponTemplate, AdminTemplatesPage } from '@siyu/shared/schemas/console'
import { z } from 'zod'
import { templateRedemptions } from '../entities/brand-stats'
import { templateEndPart, templateListingPage, templatesByIds } from '../entities/coupon-template'
import { readShards, remainingOf, shardEndPart, type ShardItem } from '../entities/coupon-shard'
import { requireAdmin } from '../console/operator'
import type { Table } from '../lib/db'
import { decodeCursor, encodeCursor, sortKeyAfter } from '../lib/cursor'
import type { Clock } from '../lib/ids'
import { withRetry, type Backoff } from '../lib/retry'
import type { Session } from '../lib/session'
import { commit } from '../lib/transact'
import { toTemplate, type TemplateItem } from './template-item'
import { getTemplate, templateAuditPart } from './templates'

type Status = AdminCouponTemplate['status']

/**
 * A template's state as the console shows it: ended (by an operator, or its validity window is
 * over), scheduled (the window has not started), paused, sold out (no unit left), else active.
 */
export function statusOf(t: TemplateItem, left: number, now: Date): Status {
  const iso = now.toISOString()
  if (t.endedAt || (t.validity.type === 'window' && iso >= t.validity.to)) return 'ended'
  if (t.validity.type === 'window' && iso < t.validity.from) return 'scheduled'
  if (t.paused) return 'paused'
  return left <= 0 ? 'sold_out' : 'active'
}

/** What a status filter keeps: `active` is every template still running (scheduled and sold out too). */
const FILTERS: Record<'active' | 'paused' | 'ended', readonly Status[]> = { active: ['active', 'scheduled', 'sold_out'], paused: ['paused'], ended: ['ended'] }

/** The templates with their stock taken and left and their redemptions (two BatchGet rounds for the page). */
async function withFigures(table: Table, templates: TemplateItem[], now: Date): Promise<AdminCouponTemplate[]> {
  const [shards, redeemed] = await Promise.all([readShards(table, templates), templateRedemptions(table, templates.map((t) => t.id))])
  return templates.map((t) => adminTemplateOf(t, shards.get(t.id) ?? [], redeemed.get(t.id) ?? 0, now))
}

export function adminTemplateOf(t: TemplateItem, shards: ShardItem[], redeemed: number, now: Date): AdminCouponTemplate {
  const left = remainingOf(shards)
  return { ...toTemplate(t), status: statusOf(t, left, now), taken: shards.reduce((n, s) => n + s.taken, 0), left, redeemed, endedAt: t.endedAt ?? null }
}

const LISTING = 'coupon-templates'
const Position = z.object({ after: sortKeyAfter('') })

/**
 * `GET /v1/admin/coupon-templates`: every template, newest first, from the list every creation
 * writes (`COUPONTPLS`). A status filter is applied to what is read, so a filtered page reads on
 * until it is full or the list ends; the cursor is the last entry read.
 */
export async function listAdminTemplates(deps: { table: Table; clock: Clock }, session: Session, q: { status?: keyof typeof FILTERS; cursor?: string; limit: number }): Promise<AdminTemplatesPage> {
  await requireAdmin(deps.table, session)
  const scope = `${LISTING}:${q.status ?? 'all'}`
  let after = decodeCursor(q.cursor, scope, Position)?.after
  const now = deps.clock()
  const items: AdminCouponTemplate[] = []
  let more = true
  while (items.length < q.limit && more) {
    const page = await templateListingPage(deps.table, q.limit - items.length, after)
    const byId = await templatesByIds(deps.table, page.entries.map((e) => e.templateId))
    const found = page.entries.map((e) => byId.get(e.templateId)).filter((t): t is TemplateItem => !!t)
    const rows = await withFigures(deps.table, found, now)
    items.push(...rows.filter((r) => !q.status || FILTERS[q.status].includes(r.status)))
    after = page.entries[page.entries.length - 1]?.sk ?? after
    more = page.more
  }
  return { items, nextCursor: more && after ? encodeCursor(scope, { after }) : null }
}

/**
 * `POST /v1/admin/coupon-templates/{id}/end`: in one transaction the template gets `endedAt` and
 * leaves the open index (members no longer see it), every stock shard is marked so a claim or
 * exchange racing the end fails inside its own transaction, and the brand audit records it.
 * Ending an ended template answers it as it is (the `attribute_not_exists(endedAt)` condition
 * makes a retry a no-op).
 */
export async function endTemplate(deps: { table: Table; clock: Clock; backoff?: Backoff }, session: Session, id: string, requestId: string): Promise<AdminCouponTemplate> {
  const op = await requireAdmin(deps.table, session)
  const ended = await withRetry(async () => {
    const t = await getTemplate(deps.table, id)
    if (t.endedAt) return t
    const at = deps.clock().toISOString()
    await commit(deps.table, [
      templateEndPart(deps.table, id, at),
      ...Array.from({ length: t.shards }, (_, shard) => shardEndPart(deps.table, id, shard, at)),
      templateAuditPart(deps.table, { adminId: op.memberId, requestId }, 'end', id, at, `${t.title}：结束发放`),
    ])
    return { ...t, endedAt: at, updatedAt: at }
  }, { backoff: deps.backoff })
  const [row] = await withFigures(deps.table, [ended], deps.clock())
  return row
}
