/**
 * The invite this device was opened with, kept until the member is bound to it: pure decisions,
 * no storage and no network (the store around it is `store/pending-invite.ts`).
 */

/**
 * An invite code, when this device first saw it, and the server's ticket of that open. Only the
 * ticket counts for the bind (the server signs its own time into it); `seenAt` is the device's
 * clock and only decides how long the code is kept.
 */
export interface KeptInvite {
  code: string
  seenAt: string
  /** From `POST /v1/referrals/opens`; null until the server answered. */
  ticket: string | null
}

/**
 * How long a kept code lives: the rules' default attribution window (7 days from the first open
 * to registration) and a day — as long as the server accepts the open's ticket. Past it the
 * server refuses it as `not_new` anyway, so a newer invite may take its place.
 */
export const KEEP_DAYS = 8
const DAY_MS = 86_400_000

const CODE = /^[0-9A-Z]{8}$/

/** The invite code in a launch or page query (`invite=CODE`), normalised; null when absent or malformed. */
export function inviteCodeOf(query: Record<string, unknown> | null | undefined): string | null {
  const raw = query?.invite
  if (typeof raw !== 'string') return null
  const code = safeDecode(raw).trim().toUpperCase()
  return CODE.test(code) ? code : null
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

/**
 * A stored value read back, or null when it is not a kept invite. An older app kept
 * `{ code, openedAt }`: its code is kept (a ticket is then asked for), its clock is not sent.
 */
export function parseKept(value: unknown): KeptInvite | null {
  const v = value as (Partial<KeptInvite> & { openedAt?: unknown }) | null
  if (!v || typeof v.code !== 'string' || !CODE.test(v.code)) return null
  const seenAt = typeof v.seenAt === 'string' ? v.seenAt : v.openedAt
  if (typeof seenAt !== 'string' || Number.isNaN(Date.parse(seenAt))) return null
  return { code: v.code, seenAt, ticket: typeof v.ticket === 'string' && v.ticket ? v.ticket : null }
}

/** True once a kept invite is older than `KEEP_DAYS`. */
export const isExpired = (kept: KeptInvite, now: Date) => now.getTime() - Date.parse(kept.seenAt) > KEEP_DAYS * DAY_MS

/**
 * What to keep after the app was opened with `code` (null: no code) at `now`: the first code and
 * its first time win; a later open (the same code or another) changes nothing until the kept one
 * expires, and an expired one without a new code is dropped.
 */
export function capture(kept: KeptInvite | null, code: string | null, now: Date): KeptInvite | null {
  const live = kept && !isExpired(kept, now) ? kept : null
  if (live) return live
  return code ? { code, seenAt: now.toISOString(), ticket: null } : null
}

/** The kept invite with the server's ticket for its code (the first ticket wins, like the first code). */
export function withTicket(kept: KeptInvite, answer: { inviteCode: string; ticket: string }): KeptInvite {
  return kept.ticket || kept.code !== answer.inviteCode ? kept : { ...kept, ticket: answer.ticket }
}

/** After asking for a ticket: an unknown code (404) is dropped; anything else keeps it to ask again. */
export const afterTicket = (error: { status: number }): 'clear' | 'keep' => (error.status === 404 ? 'clear' : 'keep')

/** Statuses after which binding again cannot succeed: bad input, unknown code, bound elsewhere, refused. */
const DEFINITIVE = new Set([400, 404, 409, 422])

/**
 * After a bind attempt (`error` undefined on success): clear the kept code once it is bound or
 * refused for good; keep it for the next launch when no answer came (offline, timeout), the
 * server failed, or the login was missing.
 */
export function afterBind(error?: { status: number }): 'clear' | 'keep' {
  if (!error) return 'clear'
  return DEFINITIVE.has(error.status) ? 'clear' : 'keep'
}
