import type { MemberSearchPage } from '@siyu/shared/schemas/console'

/** How the server matched the query, as the result list's caption. */
export const MATCHED_BY: Readonly<Record<MemberSearchPage['matchedBy'], string>> = {
  phone: '按手机号精确匹配',
  member_code: '按会员码匹配',
  short_id: '按短号匹配',
  member_id: '按会员编号匹配',
  nickname: '按昵称前缀匹配',
}

export const SEARCH_HINT = '输入完整手机号（11 位）精确查找，或输入会员出示的会员码、8 位短号，或昵称开头的几个字'

/**
 * What is sent: trimmed; a number typed or pasted with spaces or dashes (138 0000 0000, a member
 * code read off the screen in groups) loses them, since phones and codes are digits only.
 */
export function normaliseQuery(text: string): string {
  const q = text.trim()
  return /^[\d\s-]+$/.test(q) ? q.replace(/[\s-]/g, '') : q
}

/** The console page of one member. */
export const memberPageUrl = (memberId: string) => `/admin/member/index?id=${encodeURIComponent(memberId)}`
