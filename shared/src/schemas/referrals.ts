import { z } from 'zod'
import { Cursor, Timestamp } from './common'

export const InviteCode = z.string().trim().toUpperCase().regex(/^[0-9A-Z]{8}$/, '邀请码为 8 位字母或数字')

export const BindReferralRequest = z
  .object({
    inviteCode: InviteCode,
    /** When this device first opened the app with the code (kept by the app). */
    openedAt: Timestamp,
  })
  .strict()
export type BindReferralRequest = z.infer<typeof BindReferralRequest>

export const ReferralStatus = z.enum(['joined', 'qualified', 'rewarded', 'unrewarded', 'clawed_back', 'rejected'])
export type ReferralStatus = z.infer<typeof ReferralStatus>

export const RejectionReason = z.enum(['self', 'cycle', 'staff', 'disabled', 'not_new'])
export type RejectionReason = z.infer<typeof RejectionReason>

export const BindReferralResponse = z
  .object({
    referrer: z.object({ nickname: z.string().nullable() }),
    status: ReferralStatus,
    /** Why the invite is bound without rewards (the referrer's daily or monthly cap), else null. */
    unrewardedReason: z.enum(['cap_day', 'cap_month']).nullable(),
    boundAt: Timestamp,
    replayed: z.boolean(),
  })
  .meta({ id: 'BindReferralResponse' })
export type BindReferralResponse = z.infer<typeof BindReferralResponse>

export const MyInvite = z
  .object({
    inviteCode: z.string(),
    /** The page path a share carries (`onShareAppMessage`, the poster's QR). */
    sharePath: z.string(),
    counts: z.object({ joined: z.number().int(), qualified: z.number().int(), rewarded: z.number().int(), unrewarded: z.number().int(), clawedBack: z.number().int(), rejected: z.number().int() }),
    /** Qualified invites so far and the next milestone, or null when every milestone is reached. */
    qualifiedTotal: z.number().int(),
    nextMilestone: z.object({ qualified: z.number().int(), checkinMultiplier: z.number().int(), days: z.number().int() }).nullable(),
    /** The check-in multiplier a milestone granted, while it lasts. */
    checkinBoost: z.object({ multiplier: z.number().int(), until: Timestamp }).nullable(),
    rewards: z.object({ referrerPoints: z.number().int(), inviteePoints: z.number().int(), qualifyingFen: z.number().int(), qualifyWithinDays: z.number().int() }),
  })
  .meta({ id: 'MyInvite' })
export type MyInvite = z.infer<typeof MyInvite>

export const Referral = z
  .object({
    /** The invitee's nickname, masked (e.g. 王*). */
    name: z.string(),
    status: ReferralStatus,
    unrewardedReason: z.enum(['cap_day', 'cap_month']).nullable(),
    /** Why a bind with this member's code was refused (status `rejected`), else null. */
    rejectedReason: RejectionReason.nullable(),
    /** When they joined — or, when rejected, when the bind was refused. */
    boundAt: Timestamp,
    qualifiedAt: Timestamp.nullable(),
  })
  .meta({ id: 'Referral' })

export const PageQuery = z.object({ cursor: Cursor.optional(), limit: z.coerce.number().int().min(1).max(100).default(20) }).strict()

export const ReferralsPage = z.object({ items: z.array(Referral), nextCursor: z.string().nullable() }).meta({ id: 'ReferralsPage' })
export type ReferralsPage = z.infer<typeof ReferralsPage>

export const AdminReferralsQuery = PageQuery.extend({ status: z.literal('rejected') })

export const RejectedReferral = z
  .object({ at: Timestamp, inviteeId: z.string(), referrerId: z.string(), inviteCode: z.string(), reason: RejectionReason })
  .meta({ id: 'RejectedReferral' })
export const RejectedReferralsPage = z.object({ items: z.array(RejectedReferral), nextCursor: z.string().nullable() }).meta({ id: 'RejectedReferralsPage' })
