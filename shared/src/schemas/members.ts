import { z } from 'zod'
import { NICKNAME_MAX } from '../rules/free-text'
import { IsoDate, MemberId, PersonText, Role, StoreId, Timestamp } from './common'

export const OptInChoice = z.object({ optIn: z.boolean(), at: Timestamp })
export type OptInChoice = z.infer<typeof OptInChoice>

export const Consents = z
  .object({
    privacyPolicyVersion: z.string(),
    privacyAcceptedAt: Timestamp,
    marketing: OptInChoice,
    personalisation: OptInChoice,
  })
  .meta({ id: 'Consents' })
export type Consents = z.infer<typeof Consents>

export const Member = z
  .object({
    id: MemberId,
    nickname: z.string().nullable(),
    avatarUrl: z.string().nullable(),
    birthday: IsoDate.nullable(),
    /** Masked for display, e.g. 138****0000; the full number never leaves the server. */
    phone: z.string().nullable(),
    roles: z.array(Role),
    storeId: StoreId.nullable(),
    consents: Consents.nullable(),
    /** True until the member accepts the current privacy-policy version. */
    needsConsent: z.boolean(),
    createdAt: Timestamp,
  })
  .meta({ id: 'Member' })
export type Member = z.infer<typeof Member>

const notInFuture = (d: string) => d <= new Date().toISOString().slice(0, 10)

export const UpdateMeRequest = z
  .object({
    nickname: PersonText('昵称', NICKNAME_MAX).optional(),
    avatarUrl: z.url({ protocol: /^https?$/ }).max(512).optional(),
    birthday: IsoDate.refine(notInFuture, '生日不能晚于今天').refine((d) => d >= '1900-01-01', '生日不正确').optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, '至少需要修改一项')
export type UpdateMeRequest = z.infer<typeof UpdateMeRequest>

/** A role an admin can take away (`member` is everyone's and stays). */
export const RemovableRole = Role.exclude(['member'])
export type RemovableRole = z.infer<typeof RemovableRole>

export const MemberRoleParams = z.object({ memberId: MemberId, role: RemovableRole })
export type MemberRoleParams = z.infer<typeof MemberRoleParams>

export const PhoneRequest = z.object({ code: z.string().min(1).max(128) }).strict()
export type PhoneRequest = z.infer<typeof PhoneRequest>

export const ConsentsRequest = z
  .object({
    privacyPolicyVersion: z.string().min(1).max(32),
    marketing: z.boolean(),
    personalisation: z.boolean(),
  })
  .strict()
export type ConsentsRequest = z.infer<typeof ConsentsRequest>
