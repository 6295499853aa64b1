import type { ClaimBlocker, ClaimableTemplates } from '@siyu/shared/schemas/coupons'
import { couponCountsOf } from '../entities/coupon-count'
import { readShards, remainingOf } from '../entities/coupon-shard'
import type { Table } from '../lib/db'
import { toTemplate, type TemplateItem } from './template-item'
import { listOpenTemplates } from './templates'

function blockerOf(t: TemplateItem, remaining: number, mine: number, now: string): ClaimBlocker | null {
  if (t.paused) return 'paused'
  if (t.validity.type === 'window' && now < t.validity.from) return 'not_started'
  if (t.validity.type === 'window' && now >= t.validity.to) return 'ended'
  if (remaining <= 0) return 'sold_out'
  if (mine >= t.perMemberLimit) return 'limit_reached'
  return null
}

/**
 * The coupon center: templates a member can get by claiming or with points, newest first, each
 * with its remaining stock, how many the member holds and why it is blocked. Reads are bounded by
 * what is on offer, not by what was ever created: the open-templates index skips ended, paused
 * and gift templates, and a sold-out one (its hint is only ever set while true) costs no shard
 * reads. Sold-out and limit-reached ones stay, so the member sees them as such.
 */
export async function listClaimable(table: Table, memberId: string, now: Date): Promise<ClaimableTemplates> {
  const iso = now.toISOString()
  // The index is eventually consistent: a template paused a moment ago may still be in it.
  const templates = (await listOpenTemplates(table, now)).filter(
    (t) => (t.channel.type === 'public' || t.channel.type === 'points') && !t.paused && !(t.validity.type === 'window' && iso >= t.validity.to),
  )
  const stocked = templates.filter((t) => !t.soldOut)
  const [shards, counts] = await Promise.all([readShards(table, stocked), couponCountsOf(table, memberId, templates.map((t) => t.id))])
  return {
    items: templates.map((t) => {
      const remaining = t.soldOut ? 0 : remainingOf(shards.get(t.id) ?? [])
      const claimedByMe = counts.get(t.id) ?? 0
      return { template: toTemplate(t), remaining, claimedByMe, blocker: blockerOf(t, remaining, claimedByMe, iso) }
    }),
  }
}
