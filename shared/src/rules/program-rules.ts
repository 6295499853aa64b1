import { z } from 'zod'

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
    tiers: z
      .array(z.object({ code: z.string().min(1), name: z.string().min(1) }))
      .min(1)
      .default([{ code: 'base', name: '普通会员' }]),
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
        /** Scans and purchases one staff member may make per minute. */
        actionsPerMinute: z.number().int().min(1).default(30),
        /** A clerk may undo their own action this long after it. */
        voidWindowMinutes: z.number().int().min(1).max(24 * 60).default(15),
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
    tiers: z.array(z.object({ code: z.string(), name: z.string() })),
    earning: z.object({ pointsPerYuan: z.number().int() }),
    points: z.object({ expiryMonths: z.number().int(), returnWindowDays: z.number().int(), expiringSoonDays: z.number().int() }),
    /** What the staff till shows before it asks (the server applies the same rules). */
    till: z.object({
      redeemPointsPerYuan: z.number().int(), maxRedeemPointsPerOrder: z.number().int(), managerApprovalFen: z.number().int(), voidWindowMinutes: z.number().int(),
    }),
  })
  .meta({ id: 'PublicProgram' })
export type PublicProgram = z.infer<typeof PublicProgram>

export const toPublicProgram = (r: ProgramRules): PublicProgram => ({
  version: r.version,
  brand: { name: r.brand.name },
  privacy: { policyVersion: r.privacy.policyVersion, policyUrl: r.privacy.policyUrl },
  checkin: { basePoints: r.checkin.basePoints, cycleDays: r.checkin.cycleDays, bonuses: r.checkin.bonuses, makeup: r.checkin.makeup },
  memberCode: { stepSeconds: r.memberCode.stepSeconds },
  tiers: r.tiers.map(({ code, name }) => ({ code, name })),
  earning: { pointsPerYuan: r.earning.pointsPerYuan },
  points: { expiryMonths: r.points.expiryMonths, returnWindowDays: r.points.returnWindowDays, expiringSoonDays: r.points.expiringSoonDays },
  till: {
    redeemPointsPerYuan: r.till.redeemPointsPerYuan, maxRedeemPointsPerOrder: r.till.maxRedeemPointsPerOrder,
    managerApprovalFen: r.till.managerApprovalFen, voidWindowMinutes: r.till.voidWindowMinutes,
  },
})
