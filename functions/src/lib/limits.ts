import type { RateRule } from './rate-limit'

/**
 * Security limits: how much one caller may send or try. They are not program rules — an
 * operator has no reason to tune them per brand, and loosening one should be a reviewed code
 * change — so they live here, in one place, rather than in the rules document.
 */
export const limits = {
  /** Bytes of a request body on routes that take one (the largest, the rules document, is ~2 KB). */
  maxBodyBytes: 64 * 1024,
  /** Bytes tolerated on routes that take no body (a client may still send `{}`). */
  maxBodylessBytes: 1024,
  /** Staff-invite codes one caller may try, right or wrong: 5 at once, then one every 2 minutes. */
  staffBind: { limit: 5, perSeconds: 600 } satisfies RateRule,
} as const
