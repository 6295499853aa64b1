import { z } from 'zod'
import { Cursor, Timestamp } from './common'

export const InviteCode = z.string().trim().toUpperCase().regex(/^[0-9A-Z]{8}$/, '邀请码为 8 位字母或数字')

/** A share was opened with a code: the server's ticket of that moment (no login needed). */
export const OpenInviteRequest = z.object({ inviteCode: InviteCode }).strict()
export type OpenInviteRequest = z.infer<typeof OpenInviteRequest>

export const OpenInviteResponse = z
  .object({
    inviteCode: z.string(),
    /** Signed by the server over the code and its own time; the app keeps it and sends it to bind. */
    ticket: z.string(),
    /** The server's time of the open (inside the ticket), and when the ticket stops being accepted. */
    openedAt: Timestamp,
    expiresAt: Timestamp,
  })
  .meta({ id: 'OpenInviteResponse' })
export type OpenInviteResponse = z.infer<typeof OpenInviteResponse>

/** A ticket is a compact JWS (three base64url parts). */
export const OpenTicket = z
  .string({ error: '缺少邀请凭证，请重新打开好友分享的邀请' })
  .max(1000, '邀请凭证格式不正确')
  .regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, '邀请凭证格式不正确')

export const BindReferralRequest = z
  .object({
    inviteCode: InviteCode,
    /** The ticket `POST /v1/referrals/opens` gave for this code when the share was opened. */
    ticket: OpenTicket,
  })
  .strict()
export type BindReferralRequest = z.infer<typeof BindReferralRequest>

export const ReferralStatus = z.enum(['joined', 'qualified', 'rewarded', 'unrewarded', 'clawed_back', 'rejected'])
export type ReferralStatus = z.infer<typeof ReferralStatus>

export const RejectionReason = z.enum(['self', 'cycle', 'staff', 'disabled', 'not_new', 'invalid_ticket'])
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
