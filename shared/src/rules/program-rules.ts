import { z } from 'zod'
import { RulesNotice } from '../schemas/console'

/** A gift: points (posted to the ledger) and/or coupons of the given templates. */
const Gift = z.object({ points: z.number().int().min(0).default(0), couponTemplateIds: z.array(z.string()).max(10).default([]) }).prefault({})

const Tier = z.object({
  code: z.string().min(1).max(20),
  name: z.string().min(1).max(20),
  /** Growth (fen) over the last 12 months that reaches this tier. */
  thresholdFen: z.number().int().min(0).default(0),
  /** Purchase points × this / 100 (integers keep the arithmetic exact). */
  multiplierPercent: z.number().int().min(100).max(1000).default(100),
  /** Extra percent of the base points on the member day. */
  memberDayBonusPercent: z.number().int().min(0).max(1000).default(0),
  /**
   * Granted once per upgrade that reaches this tier. While the upgrade is provisional (inside the
   * return window of the purchase that caused it) its points are pending and its coupons owed; a
   * refund or void inside the window that takes the upgrade back takes them back too.
   */
  upgradeGift: Gift,
  /** Granted once a year in the member's birthday month. */
  birthdayGift: Gift,
})
export type Tier = z.infer<typeof Tier>

const DEFAULT_TIERS = [
  { code: 'base', name: '普通会员', thresholdFen: 0, multiplierPercent: 100, memberDayBonusPercent: 0, birthdayGift: { points: 50 } },
  { code: 'silver', name: '银卡会员', thresholdFen: 100_000, multiplierPercent: 120, memberDayBonusPercent: 50, upgradeGift: { points: 100 }, birthdayGift: { points: 100 } },
  { code: 'gold', name: '金卡会员', thresholdFen: 500_000, multiplierPercent: 150, memberDayBonusPercent: 50, upgradeGift: { points: 300 }, birthdayGift: { points: 200 } },
  { code: 'diamond', name: '钻石会员', thresholdFen: 2_000_000, multiplierPercent: 200, memberDayBonusPercent: 100, upgradeGift: { points: 1000 }, birthdayGift: { points: 500 } },
]

/** A token-bucket allowance: at most `limit` at once, refilled evenly over `perSeconds`. */
const RateLimit = z.object({ limit: z.number().int().min(1), perSeconds: z.number().int().min(1) })

/**
 * The program-rules document: every number the program applies lives here, never as a
 * constant in code. Stored in the table with a version; defaults come from the product brief.
 * Later capabilities add their own sections.
 */
export const ProgramRules = z
  .object({
    version: z.number().int().min(1),
    brand: z.object({ name: z.string().min(1).default('思域会员') }).prefault({}),
    privacy: z
      .object({
        /** Members must accept this version before using the program. */
        policyVersion: z.string().min(1).default('2026-11-01'),
        policyUrl: z.string().default('/pages/privacy/index'),
      })
      .prefault({}),
    checkin: z
      .object({
        /** Points for every day checked in. */
        basePoints: z.number().int().min(0).default(10),
        /** A streak's bonuses repeat every `cycleDays` days (day 8 is day 1 of the next cycle). */
        cycleDays: z.number().int().min(1).max(366).default(7),
        /** Extra points on given days of the cycle (default: day 7 +30). */
        bonuses: z
          .array(z.object({ day: z.number().int().min(1), points: z.number().int().min(1) }))
          .default([{ day: 7, points: 30 }]),
        makeup: z
          .object({
            /** Points a make-up check-in (补签) costs; it pays the day's base reward. */
            costPoints: z.number().int().min(0).default(20),
            /** Make-ups per Shanghai calendar month. */
            maxPerMonth: z.number().int().min(0).default(2),
          })
          .prefault({}),
      })
      .prefault({})
      .refine((c) => c.bonuses.every((b) => b.day <= c.cycleDays), '奖励日不能超过签到周期天数')
      .refine((c) => new Set(c.bonuses.map((b) => b.day)).size === c.bonuses.length, '同一天不能有两项奖励'),
    memberCode: z
      .object({
        /** The rotating member code changes every step (TOTP-like). */
        stepSeconds: z.number().int().min(10).max(300).default(30),
        /** Steps either side of now a till accepts (clock drift, the time to scan). */
        acceptSteps: z.number().int().min(0).max(3).default(1),
        /** How far back an old code is recognised as expired rather than forged. */
        expiredLookbackSteps: z.number().int().min(2).max(240).default(20),
      })
      .prefault({}),
    /**
     * The tier ladder, lowest first: qualifying spend (growth, fen, net of refunds) over the last
     * 12 Shanghai calendar months reaches a tier; each tier's benefits.
     *
     * Policy. A purchase that reaches a tier upgrades at once, provisionally until its return
     * window (`points.returnWindowDays`) closes; then it is confirmed and its gift coupons issued.
     * A refund or void of an order still inside its own return window re-evaluates the
     * provisional upgrades from the growth left: newest first, each no longer reached is undone
     * (down to what the growth reaches, never below the tier held before it) and its gifts taken
     * back; those left standing wait a full window from the refund. Once confirmed, refunds lower
     * growth, never the tier: the anniversary review drops at most one tier a year.
     */
    tiers: z
      .array(Tier)
      .min(1)
      .refine((t) => t[0].thresholdFen === 0, '第一级会员的门槛必须为 0')
      .refine((t) => t.every((x, i) => i === 0 || x.thresholdFen > t[i - 1].thresholdFen), '各级门槛必须递增')
      .refine((t) => new Set(t.map((x) => x.code)).size === t.length, '等级代码不能重复')
      .prefault(DEFAULT_TIERS),
    /** 会员日: on this Shanghai weekday (0 = Sunday … 6 = Saturday; null = none) purchases earn each tier's extra percent. */
    memberDay: z.object({ weekday: z.number().int().min(0).max(6).nullable().default(3) }).prefault({}),
    earning: z
      .object({
        /** Points earned per whole CNY (100 fen) of qualifying spend. */
        pointsPerYuan: z.number().int().min(0).default(1),
      })
      .prefault({}),
    points: z
      .object({
        /** Points expire at the end of the Nth month after the month they were earned; 0 = never. */
        expiryMonths: z.number().int().min(0).max(120).default(12),
        /** Purchase points stay pending (not spendable) for the return window. */
        returnWindowDays: z.number().int().min(0).max(90).default(7),
        /** "Expiring soon" looks this many days ahead. */
        expiringSoonDays: z.number().int().min(1).max(365).default(30),
        /** Largest single operator adjustment, either sign. */
        maxAdjustment: z.number().int().min(1).default(100_000),
      })
      .prefault({}),
    till: z
      .object({
        /** Points a member spends for 1 CNY off at the till (100 = 1 point per fen). */
        redeemPointsPerYuan: z.number().int().min(1).default(100),
        /** At most this many points redeemed on one order. */
        maxRedeemPointsPerOrder: z.number().int().min(1).default(10_000),
        /** Purchases above this amount need a manager (fen). */
        managerApprovalFen: z.number().int().min(1).default(500_000),
        /** Till actions (scans, purchases, redemptions, refunds, voids) one staff member may make per minute. */
        actionsPerMinute: z.number().int().min(1).default(30),
        /** Till actions on one member (scans of their code, actions on their orders), from any till, per minute. */
        memberActionsPerMinute: z.number().int().min(1).default(20),
        /** A clerk may undo their own action this long after it. */
        voidWindowMinutes: z.number().int().min(1).max(24 * 60).default(15),
      })
      .prefault({}),
    referrals: z
      .object({
        /** A newcomer binds only if they registered within this many days of first opening an invite. */
        attributionDays: z.number().int().min(1).max(90).default(7),
        /** The invitee qualifies with a purchase of at least `qualifyingFen` within this many days of binding. */
        qualifyWithinDays: z.number().int().min(1).max(365).default(30),
        qualifyingFen: z.number().int().min(1).default(5000),
        /** Points for each side, pending for the return window like purchase points. */
        referrerPoints: z.number().int().min(0).default(100),
        inviteePoints: z.number().int().min(0).default(50),
        /** Rewarded invites per referrer per Shanghai day / month; beyond, invites bind unrewarded. */
        maxPerDay: z.number().int().min(1).default(5),
        maxPerMonth: z.number().int().min(1).default(30),
        /** Granted once when a referrer's qualified invites reach `qualified`. */
        milestones: z
          .array(z.object({ qualified: z.number().int().min(1), checkinMultiplier: z.number().int().min(2).max(10), days: z.number().int().min(1).max(365) }))
          .default([{ qualified: 10, checkinMultiplier: 2, days: 30 }]),
        /** Refused binds one member may make (each is recorded), as a token bucket: `limit` at once, refilled over `perSeconds`. */
        refusalsPerMember: RateLimit.default({ limit: 5, perSeconds: 3600 }),
        /** Refused binds recorded against one inviter's code, from all callers together. */
        refusalsPerReferrer: RateLimit.default({ limit: 30, perSeconds: 3600 }),
        /** Open tickets issued for one invite code (a share opened by a crowd at once). */
        opensPerCode: RateLimit.default({ limit: 120, perSeconds: 60 }),
      })
      .prefault({}),
    lifecycle: z
      .object({
        silentAfterDays: z.number().int().min(1).default(30),
        churnedAfterDays: z.number().int().min(1).default(90),
      })
      .prefault({})
      .refine((l) => l.churnedAfterDays > l.silentAfterDays, '流失天数必须大于沉默天数'),
    rfm: z
      .object({ minScore: z.number().int().default(1), maxScore: z.number().int().default(5) })
      .prefault({}),
    kpis: z
      .object({
        retentionDays: z.array(z.number().int().min(1)).default([1, 7, 30]),
        repurchaseMonths: z.number().int().min(1).default(3),
      })
      .prefault({}),
    ruleChanges: z
      .object({
        /** A scheduled change of earn rates, expiry or tiers takes effect at least this many days after it is announced to members. */
        noticeDays: z.number().int().min(0).max(365).default(30),
      })
      .prefault({}),
  })
  .meta({ id: 'ProgramRules' })
export type ProgramRules = z.infer<typeof ProgramRules>

/** An operator's edit: the full document without its version, based on the version they saw. */
export const UpdateProgramRequest = z
  .object({ baseVersion: z.number().int().min(1), rules: ProgramRules.omit({ version: true }) })
  .strict()
export type UpdateProgramRequest = z.infer<typeof UpdateProgramRequest>

export const defaultProgramRules = (): ProgramRules => ProgramRules.parse({ version: 1 })

/** What any visitor may read: the rules a member is subject to, without operator-only fields. */
export const PublicProgram = z
  .object({
    version: z.number().int(),
    brand: z.object({ name: z.string() }),
    privacy: z.object({ policyVersion: z.string(), policyUrl: z.string() }),
    checkin: z.object({
      basePoints: z.number().int(),
      cycleDays: z.number().int(),
      bonuses: z.array(z.object({ day: z.number().int(), points: z.number().int() })),
      makeup: z.object({ costPoints: z.number().int(), maxPerMonth: z.number().int() }),
    }),
    memberCode: z.object({ stepSeconds: z.number().int() }),
    tiers: z.array(z.object({
      code: z.string(), name: z.string(), thresholdFen: z.number().int(), multiplierPercent: z.number().int(), memberDayBonusPercent: z.number().int(),
    })),
    memberDay: z.object({ weekday: z.number().int().nullable() }),
    /** What the invite pages promise. */
    referrals: z.object({
      referrerPoints: z.number().int(), inviteePoints: z.number().int(), qualifyingFen: z.number().int(), qualifyWithinDays: z.number().int(), attributionDays: z.number().int(),
    }),
    earning: z.object({ pointsPerYuan: z.number().int() }),
    points: z.object({ expiryMonths: z.number().int(), returnWindowDays: z.number().int(), expiringSoonDays: z.number().int() }),
    /** What the staff till shows before it asks (the server applies the same rules). */
    till: z.object({
      redeemPointsPerYuan: z.number().int(), maxRedeemPointsPerOrder: z.number().int(), managerApprovalFen: z.number().int(), voidWindowMinutes: z.number().int(),
    }),
    /** Rule changes announced and not yet in effect, soonest first (shown to members before they apply). */
    notices: z.array(RulesNotice),
  })
  .meta({ id: 'PublicProgram' })
export type PublicProgram = z.infer<typeof PublicProgram>

export const toPublicProgram = (r: ProgramRules, notices: RulesNotice[] = []): PublicProgram => ({
  version: r.version,
  brand: { name: r.brand.name },
  privacy: { policyVersion: r.privacy.policyVersion, policyUrl: r.privacy.policyUrl },
  checkin: { basePoints: r.checkin.basePoints, cycleDays: r.checkin.cycleDays, bonuses: r.checkin.bonuses, makeup: r.checkin.makeup },
  memberCode: { stepSeconds: r.memberCode.stepSeconds },
  tiers: r.tiers.map(({ code, name, thresholdFen, multiplierPercent, memberDayBonusPercent }) => ({ code, name, thresholdFen, multiplierPercent, memberDayBonusPercent })),
  memberDay: { weekday: r.memberDay.weekday },
  referrals: {
    referrerPoints: r.referrals.referrerPoints, inviteePoints: r.referrals.inviteePoints, qualifyingFen: r.referrals.qualifyingFen,
    qualifyWithinDays: r.referrals.qualifyWithinDays, attributionDays: r.referrals.attributionDays,
  },
  earning: { pointsPerYuan: r.earning.pointsPerYuan },
  points: { expiryMonths: r.points.expiryMonths, returnWindowDays: r.points.returnWindowDays, expiringSoonDays: r.points.expiringSoonDays },
  till: {
    redeemPointsPerYuan: r.till.redeemPointsPerYuan, maxRedeemPointsPerOrder: r.till.maxRedeemPointsPerOrder,
    managerApprovalFen: r.till.managerApprovalFen, voidWindowMinutes: r.till.voidWindowMinutes,
  },
  notices,
})
