import { decodeSecret, formatMemberCode, memberCodeAt, secondsLeft } from '@siyu/shared/rules/member-code'
import type { ApiResponse } from '@/api/client'

export type MemberCodeSecret = ApiResponse<'getMemberCode'>

export interface MemberCodeView {
  /** 14 digits: what the QR code and the barcode carry. */
  code: string
  /** For people: `1234 5678 901 234`. */
  formatted: string
  /** Seconds until the code changes. */
  secondsLeft: number
}

/**
 * The member code shown at `at`, computed on the phone with the shared generator (the backend
 * verifies with the same code), so it needs no network once the secret is cached.
 */
export function memberCodeView(secret: MemberCodeSecret, at: Date): MemberCodeView {
  const code = memberCodeAt(secret.shortId, decodeSecret(secret.secret), at, secret.stepSeconds)
  return { code, formatted: formatMemberCode(code), secondsLeft: secondsLeft(at, secret.stepSeconds) }
}
