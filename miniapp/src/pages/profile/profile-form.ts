import { NICKNAME_MAX, normalizeText, unsafeTextMessage, unsafeTextReason } from '@siyu/shared/rules/free-text'
import type { CallInput } from '@/api/client'
import type { Member } from '@/store/member-store'

export interface ProfileForm {
  nickname: string
  birthday: string
}

export type ProfileUpdate = CallInput<'updateMe'>['body']

export type ProfileChanges = { ok: true; body: ProfileUpdate } | { ok: false; message: string }

export { NICKNAME_MAX }

export const formFromMember = (member: Member): ProfileForm => ({
  nickname: member.nickname ?? '',
  birthday: member.birthday ?? '',
})

/** The PATCH body for what the form changed, or why it cannot be saved. Birthday is set once. */
export function profileChanges(member: Member, form: ProfileForm): ProfileChanges {
  const body: ProfileUpdate = {}
  // The same rules as the API's schema (shared/src/rules/free-text.ts), so a refusal shows before sending.
  const nickname = normalizeText(form.nickname)
  if (!nickname && member.nickname) return { ok: false, message: '昵称不能为空' }
  const unsafe = unsafeTextReason(nickname)
  if (unsafe) return { ok: false, message: unsafeTextMessage('昵称', unsafe) }
  if (nickname.length > NICKNAME_MAX) return { ok: false, message: `昵称最多 ${NICKNAME_MAX} 个字符` }
  if (nickname && nickname !== member.nickname) body.nickname = nickname
  if (form.birthday && !member.birthday) body.birthday = form.birthday
  if (Object.keys(body).length === 0) return { ok: false, message: '没有需要保存的修改' }
  return { ok: true, body }
}
