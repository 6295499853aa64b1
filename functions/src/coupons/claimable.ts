import type { ClaimBlocker, ClaimableTemplates } from '@siyu/shared/schemas/coupons'
import { getItems, type Table } from '../lib/db'
import { keys } from '../lib/keys'
import { toTemplate, type TemplateItem } from './template-item'
import { listTemplates, readShards, remainingOf } from './templates'

async function countsOf(table: Table, memberId: string, templateIds: string[]): Promise<Map<string, number>> {
  const items = await getItems<{ templateId: string; count: number }>(table, templateIds.map((id) => keys.couponCount(memberId, id)))
  return new Map(items.map((item) => [item.templateId, item.count]))
}

function blockerOf(t: TemplateItem, remaining: number, mine: number, now: string): ClaimBlocker | null {
  if (t.paused) return 'paused'
  if (t.validity.type === 'window' && now < t.validity.from) return 'not_started'
  if (t.validity.type === 'window' && now >= t.validity.to) return 'ended'
  if (remaining <= 0) return 'sold_out'
  if (mine >= t.perMemberLimit) return 'limit_reached'
  return null
}

/**
 * The coupon center: templates a member can get by claiming or with points, each with its
 * remaining stock, how many the member holds and why it is blocked. Ended and paused templates
 * are left out; sold-out and limit-reached ones stay, so the member sees them as such.
 */
export async function listClaimable(table: Table, memberId: string, now: Date): Promise<ClaimableTemplates> {
  const iso = now.toISOString()
  const templates = (await listTemplates(table)).filter(
    (t) => (t.channel.type === 'public' || t.channel.type === 'points') && !t.paused && !(t.validity.type === 'window' && iso >= t.validity.to),
  )
  const [shards, counts] = await Promise.all([readShards(table, templates), countsOf(table, memberId, templates.map((t) => t.id))])
  return {
    items: templates.map((t) => {
      const remaining = t.soldOut ? 0 : remainingOf(shards.get(t.id) ?? [])
      const claimedByMe = counts.get(t.id) ?? 0
      return { template: toTemplate(t), remaining, claimedByMe, blocker: blockerOf(t, remaining, claimedByMe, iso) }
    }),
  }
}
