/**
 * Characters a short text a person typed (a nickname) may not contain. Pure and without zod,
 * so the mini-program checks exactly what the API's schema checks.
 * - control characters (C0, DEL, C1): invisible, and they break logs, exports and layouts;
 * - bidi overrides and isolates (U+202A–U+202E, U+2066–U+2069): they reorder what follows,
 *   so a name can pass for another ("‮gnp.exe" shows as "exe.png");
 * - lone surrogates: not text at all; UTF-8 encoders and other systems reject or mangle them.
 */
/** Characters (UTF-16 units) of a nickname: the schema and the app's profile form use this one number. */
export const NICKNAME_MAX = 32

export type UnsafeText = 'control' | 'bidi' | 'surrogate'

export function unsafeTextReason(text: string): UnsafeText | null {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c <= 0x1f || (c >= 0x7f && c <= 0x9f)) return 'control'
    if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) return 'bidi'
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1)
      if (!(next >= 0xdc00 && next <= 0xdfff)) return 'surrogate'
      i++ // a proper pair (an emoji, a rare hanzi)
    } else if (c >= 0xdc00 && c <= 0xdfff) return 'surrogate'
  }
  return null
}

const MESSAGES: Record<UnsafeText, (label: string) => string> = {
  control: (label) => `${label}不能包含控制字符`,
  bidi: (label) => `${label}不能包含文字方向控制字符`,
  surrogate: (label) => `${label}含有无效字符`,
}

export const unsafeTextMessage = (label: string, reason: UnsafeText) => MESSAGES[reason](label)

/** The stored form: trimmed and in Unicode NFC, so one name is always the same string. */
export const normalizeText = (text: string) => text.trim().normalize('NFC')
