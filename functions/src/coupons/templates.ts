import type { CouponTemplate, CouponTemplateInput, CouponTemplatePatch } from '@siyu/shared/schemas/coupons'
import { z } from 'zod'
import { claimKeyPart, clientKey, idempotentRequest, storedAnswer } from '../entities/idempotency'
import { brandAuditPutPart } from '../entities/brand-audit'
import {
  findTemplateItem, newTemplateItem, queryOpenTemplates, templateListingPutPart, templatePutNewPart, templateReplacePart, withOpenIndex, type TemplateItem,
} from '../entities/coupon-template'
import { shardAddStockPart, shardPutNewPart } from '../entities/coupon-shard'
import type { Table } from '../lib/db'
import { DomainError } from '../lib/errors'
import type { Clock, IdSource } from '../lib/ids'
import { logger } from '../lib/logger'
import { withRetry, type Backoff } from '../lib/retry'
import { commit } from '../lib/transact'
import { shardCount, splitStock, toTemplate } from './template-item'

export { readShards, remainingOf, type ShardItem } from '../entities/coupon-shard'

/** Who creates a template and under which client key (`client:{adminId}:{key}`, like every admin write). */
export interface CreateTemplateRequest extends TemplateActor {
  idempotencyKey: string
}

/** The operator behind a template write (its brand audit entry's actor) and the request. */
export interface TemplateActor {
  adminId: string
  /** The HTTP request's id; internal callers (demo data, jobs) leave it out. */
  requestId?: string
}
const INTERNAL: TemplateActor = { adminId: 'system', requestId: 'internal' }

export const templateEnded = () => new DomainError('coupon.ended', '此券已停止发放')

/** The template write's entry in the brand's audit trail (`template.create` / `update` / `end`), in its transaction. */
export const templateAuditPart = (table: Table, by: TemplateActor, action: 'create' | 'update' | 'end', id: string, at: string, detail: string) =>
  brandAuditPutPart(table, { id: `template.${action}:${id}`, at, actorId: by.adminId, action: `template.${action}`, detail, requestId: by.requestId ?? 'internal' })

export const findTemplate = (table: Table, id: string): Promise<TemplateItem | undefined> => findTemplateItem(table, id)

export async function getTemplate(table: Table, id: string): Promise<TemplateItem> {
  const t = await findTemplateItem(table, id)
  if (!t) throw new DomainError('coupon.template_not_found', '优惠券不存在')
  return t
}

/** What a template creation's key answers every retry with. */
const CreatedAnswer = z.object({ templateId: z.string() })

/**
 * The template, its stock shards and the client key in one transaction: a retry — even one
 * racing the first — answers with the first template (as it is now) and never adds stock; the
 * same key with another payload is `409 idempotency.mismatch`. Races and contention are retried.
 */
export async function createTemplate(deps: { table: Table; clock: Clock; ids: IdSource; backoff?: Backoff }, input: CouponTemplateInput, by: CreateTemplateRequest): Promise<CouponTemplate> {
  const { table } = deps
  const req = idempotentRequest(clientKey(by.adminId, by.idempotencyKey), { op: 'createCouponTemplate', input })
  return withRetry(async () => {
    const first = await storedAnswer(table, req, (a) => CreatedAnswer.parse(a))
    if (first) return toTemplate(await getTemplate(table, first.templateId))
    const now = deps.clock().toISOString()
    const id = deps.ids('ct')
    const shards = shardCount(input.totalStock)
    const item = newTemplateItem(input, id, shards, now)
    // TransactWriteItems takes 100 items; MAX_SHARDS keeps this far below.
    await commit(table, [
      claimKeyPart(table, req, { templateId: id }, now),
      templatePutNewPart(table, item),
      templateListingPutPart(table, item),
      templateAuditPart(table, by, 'create', id, now, `${input.title}：库存 ${input.totalStock}`),
      ...splitStock(input.totalStock, shards).map((total, shard) => shardPutNewPart(table, id, shard, total)),
    ])
    return toTemplate(item)
  }, { backoff: deps.backoff })
}

const editedMeanwhile = () => new DomainError('rules.version_conflict', '券模板已被修改，请刷新后重试')

/**
 * Edits a template. Stock can only grow (issued coupons stay issued); the extra units are
 * spread over the shards in the same transaction, conditioned on the stock read. The
 * open-templates index entry is part of the item, so pausing or resuming moves it in the same write.
 * The patch holds values, not steps: one that changes nothing (a retry) writes nothing, so it is
 * audited once. An ended template is not edited.
 */
export async function updateTemplate(deps: { table: Table; clock: Clock; backoff?: Backoff }, id: string, patch: CouponTemplatePatch, by: TemplateActor = INTERNAL): Promise<CouponTemplate> {
  const { table } = deps
  return withRetry(async () => {
    const current = await getTemplate(table, id)
    if (current.endedAt) throw templateEnded()
    if (patch.totalStock !== undefined && patch.totalStock < current.totalStock) {
      throw new DomainError('coupon.stock_decrease', `库存只能增加（当前 ${current.totalStock}）`, { totalStock: current.totalStock })
    }
    const changed = describeChanges(current, patch)
    if (!changed.length) return toTemplate(current)
    const now = deps.clock().toISOString()
    const next = withOpenIndex({ ...current, ...patch, updatedAt: now })
    const extra = (patch.totalStock ?? current.totalStock) - current.totalStock
    if (extra > 0) delete next.soldOut
    await commit(table, [
      templateReplacePart(table, next, current.totalStock, editedMeanwhile),
      ...splitStock(extra, current.shards).flatMap((add, shard) => (add > 0 ? [shardAddStockPart(table, id, shard, add)] : [])),
      templateAuditPart(table, by, 'update', `${id}:${now}`, now, `${current.title}：${changed.join('，')}`),
    ])
    return toTemplate(next)
  }, { backoff: deps.backoff })
}

const onOff = (b: boolean) => (b ? '开' : '关')

/** What a patch changes, in words (empty: nothing). */
export function describeChanges(t: TemplateItem, p: CouponTemplatePatch): string[] {
  const out: string[] = []
  if (p.title !== undefined && p.title !== t.title) out.push(`标题改为「${p.title}」`)
  if (p.description !== undefined && p.description !== t.description) out.push('修改说明')
  if (p.paused !== undefined && p.paused !== t.paused) out.push(p.paused ? '暂停发放' : '恢复发放')
  if (p.totalStock !== undefined && p.totalStock !== t.totalStock) out.push(`库存 ${t.totalStock} → ${p.totalStock}`)
  if (p.perMemberLimit !== undefined && p.perMemberLimit !== t.perMemberLimit) out.push(`每人限领 ${t.perMemberLimit} → ${p.perMemberLimit}`)
  if (p.returnOnRefund !== undefined && p.returnOnRefund !== t.returnOnRefund) out.push(`退款退券 ${onOff(t.returnOnRefund)} → ${onOff(p.returnOnRefund)}`)
  return out
}

/** The most templates the coupon center lists at once (the soonest-ending are kept; see README). */
export const MAX_OPEN_TEMPLATES = 100

/**
 * Templates on offer now, newest first: one query of the open-templates index from `now` on, so
 * ended, paused and gift templates are never read, however many were ever created. At most
 * MAX_OPEN_TEMPLATES (a warning is logged when there are more).
 */
export async function listOpenTemplates(table: Table, now: Date): Promise<TemplateItem[]> {
  const items = await queryOpenTemplates(table, now, MAX_OPEN_TEMPLATES)
  if (items.length > MAX_OPEN_TEMPLATES) logger.warn('coupon center capped: more templates on offer than it lists', { max: MAX_OPEN_TEMPLATES })
  const newestFirst = (a: TemplateItem, b: TemplateItem) => `${b.createdAt}#${b.id}`.localeCompare(`${a.createdAt}#${a.id}`)
  return items.slice(0, MAX_OPEN_TEMPLATES).sort(newestFirst)
}
