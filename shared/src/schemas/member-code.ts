import { z } from 'zod'
import { MemberId } from './common'

/**
 * What the app needs to show the rotating member code offline: the short id and the code secret
 * (base64url). Returned at login and by GET /v1/me/member-code; rotating it invalidates old codes.
 */
export const MemberCodeSecret = z
  .object({
    shortId: z.string().regex(/^\d{8}$/),
    secret: z.string().min(16),
    stepSeconds: z.number().int(),
    /** Bumped by each rotation; the app drops a cached secret of another version. */
    version: z.number().int().min(1),
  })
  .meta({ id: 'MemberCodeSecret' })
export type MemberCodeSecret = z.infer<typeof MemberCodeSecret>

export const VerifyMemberCodeRequest = z
  .object({ code: z.string().trim().min(1, '请输入会员码').max(32, '会员码格式不正确') })
  .strict()
export type VerifyMemberCodeRequest = z.infer<typeof VerifyMemberCodeRequest>

/** The member card a till sees after a scan: enough to serve, nothing more (phone masked). */
export const MemberCard = z
  .object({
    memberId: MemberId,
    nickname: z.string().nullable(),
    phone: z.string().nullable(),
    tier: z.object({ code: z.string(), name: z.string() }),
    /**
     * What a purchase earns this member today, by the rules the server applies: the till's preview
     * is the shared `purchasePoints(paidFen, { earning }, earning, earning.memberDay)`, so it shows
     * exactly what will be posted (tier multiplier and 会员日 included).
     */
    earning: z.object({
      pointsPerYuan: z.number().int(),
      multiplierPercent: z.number().int(),
      memberDayBonusPercent: z.number().int(),
      /** Whether today (Shanghai, by the server's clock) is 会员日. */
      memberDay: z.boolean(),
    }),
    points: z.object({ available: z.number().int(), pending: z.number().int(), debt: z.number().int() }),
    /** Usable coupons (filled once coupons exist). */
    coupons: z.array(z.object({ code: z.string(), title: z.string() })),
    /** The code's step: a till transaction records it so the code cannot serve another order. */
    step: z.number().int(),
  })
  .meta({ id: 'MemberCard' })
export type MemberCard = z.infer<typeof MemberCard>
