import { z } from 'zod'
import { MemberCodeSecret } from './member-code'
import { Member } from './members'

export const WechatLoginRequest = z.object({ code: z.string().min(1).max(128) }).strict()
export type WechatLoginRequest = z.infer<typeof WechatLoginRequest>

/** Development login (the local stack only, never in a deployable template): identifies as an openid directly. */
export const DevLoginRequest = z
  .object({ openid: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'openid 格式不正确') })
  .strict()
export type DevLoginRequest = z.infer<typeof DevLoginRequest>

export const LoginResponse = z.object({
  token: z.string(),
  expiresAt: z.iso.datetime(),
  member: Member,
  isNew: z.boolean(),
  /** The member-code secret, so the app can show the code offline from the first launch. */
  memberCode: MemberCodeSecret,
})
export type LoginResponse = z.infer<typeof LoginResponse>
