/**
 * Every expected refusal has a stable code from this closed list; only the HTTP adapter
 * (`http.ts`) turns a code into a status. Messages are Chinese because they reach the UI.
 */
export const errorStatus = {
  'request.invalid': 400,
  'request.malformed_json': 400,
  'auth.missing_token': 401,
  'auth.invalid_token': 401,
  'auth.wechat_code_invalid': 401,
  'auth.forbidden': 403,
  'member.consent_required': 403,
  'route.not_found': 404,
  'member.not_found': 404,
  'member.birthday_locked': 409,
  'idempotency.mismatch': 409,
  'rules.version_conflict': 409,
  'points.insufficient': 409,
  'points.reversal_exceeds_earned': 422,
  'points.adjustment_too_large': 422,
  'ledger.busy': 503,
  'consent.policy_outdated': 422,
  'wechat.phone_code_invalid': 422,
  'rate.limited': 429,
  'wechat.unavailable': 502,
  'idempotency.key_required': 400,
  'checkin.already_checked_in': 409,
  'checkin.makeup_not_allowed': 422,
  'checkin.makeup_limit': 422,
  'member_code.malformed': 400,
  'member_code.expired': 422,
  'member_code.invalid': 422,
  'member_code.replayed': 409,
  internal: 500,
} as const satisfies Record<string, number>

export type ErrorCode = keyof typeof errorStatus

export class DomainError extends Error {
  override name = 'DomainError'
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    options?: { cause?: unknown },
  ) {
    super(message, options)
  }
}

/** Configuration that makes the service unsafe to run (missing secret…): a 500, logged loudly. */
export class ConfigError extends Error {
  override name = 'ConfigError'
}
