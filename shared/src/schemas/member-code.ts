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
    points: z.object({ available: z.number().int(), pending: z.number().int(), debt: z.number().int() }),
    /** Usable coupons (filled once coupons exist). */
    coupons: z.array(z.object({ code: z.string(), title: z.string() })),
    /** The code's step: a till transaction records it so the code cannot serve another order. */
    step: z.number().int(),
  })
  .meta({ id: 'MemberCard' })
export type MemberCard = z.infer<typeof MemberCard>
