import type { ProgramRules, Tier } from '@siyu/shared/rules/program-rules'
import type { MyTier } from '@siyu/shared/schemas/tiers'
import type { Table } from '../lib/db'
import { recentTierChanges } from '../entities/tier-log'
import { findTemplate } from '../coupons/templates'
import { growthOver, liveUpgrades, readTier } from './tier-state'

const HISTORY = 20

/** The 会员等级 page: tier, growth, what reaches the next tier and keeps this one, the ladder, upgrades not yet confirmed, the last changes. */
export async function getMyTier(table: Table, rules: ProgramRules, memberId: string, now: Date): Promise<MyTier> {
  const [state, growth, history, titles] = await Promise.all([
    readTier(table, rules, memberId), growthOver(table, memberId, now), recentTierChanges(table, memberId, HISTORY), giftTitles(table, rules.tiers),
  ])
  const next = rules.tiers[state.index + 1]
  const coupons = (ids: string[]) => ids.flatMap((id) => {
    const title = titles.get(id)
    return title === undefined ? [] : [{ templateId: id, title }]
  })
  const gift = (g: Tier['upgradeGift']) => ({ points: g.points, coupons: coupons(g.couponTemplateIds) })
  const ref = (code: string) => ({ code, name: rules.tiers.find((t) => t.code === code)?.name ?? code })
  return {
    tier: { code: state.tier.code, name: state.tier.name },
    growthFen: growth.fen,
    window: { fromMonth: growth.fromMonth, toMonth: growth.toMonth },
    next: next ? { code: next.code, name: next.name, needFen: Math.max(0, next.thresholdFen - growth.fen) } : null,
    keep: state.index > 0 && state.item?.reviewOn ? { needFen: Math.max(0, state.tier.thresholdFen - growth.fen), by: state.item.reviewOn } : null,
    memberDayWeekday: rules.memberDay.weekday,
    ladder: rules.tiers.map((t) => ({
      code: t.code, name: t.name, thresholdFen: t.thresholdFen, multiplierPercent: t.multiplierPercent, memberDayBonusPercent: t.memberDayBonusPercent,
      upgradeGift: gift(t.upgradeGift), birthdayGift: gift(t.birthdayGift),
    })),
    provisional: liveUpgrades(state.item, now.toISOString()).map((p) => ({
      tier: ref(p.tier), from: ref(p.from), until: p.until,
      giftPoints: p.gifts.reduce((sum, g) => sum + g.points, 0), giftCoupons: coupons(p.gifts.flatMap((g) => g.couponTemplateIds)),
    })),
    history,
  }
}

/** Titles of the gift coupons' templates (a template deleted or never created is left out). */
async function giftTitles(table: Table, tiers: readonly Tier[]): Promise<Map<string, string>> {
  const ids = [...new Set(tiers.flatMap((t) => [...t.upgradeGift.couponTemplateIds, ...t.birthdayGift.couponTemplateIds]))]
  const found = await Promise.all(ids.map((id) => findTemplate(table, id)))
  return new Map(found.flatMap((t) => (t ? [[t.id, t.title] as [string, string]] : [])))
}
