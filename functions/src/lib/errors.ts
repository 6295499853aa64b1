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
  'coupon.template_not_found': 404,
  'coupon.not_found': 404,
  'coupon.sold_out': 409,
  'coupon.limit_reached': 409,
  'coupon.not_claimable': 422,
  'coupon.stock_decrease': 422,
  'coupon.not_usable': 409,
  'coupon.not_applicable': 422,
  'coupon.held_by_other_order': 409,
  'coupon.not_held': 409,
  'coupon.hold_expired': 409,
  'coupon.void_window_passed': 422,
  'coupon.out_of_scope': 403,
  'store.exists': 409,
  'store.not_found': 404,
  'staff.invite_invalid': 422,
  'staff.disabled': 403,
  'till.manager_required': 403,
  'till.order_not_found': 404,
  'till.other_store': 403,
  'till.refund_exceeds_order': 422,
  'till.redemption_cap': 422,
  'till.order_voided': 409,
  'till.action_not_found': 404,
  'till.void_not_allowed': 403,
  'till.void_window_passed': 422,
  'till.void_unsupported': 422,
  'events.dead_letter_not_found': 404,
  'events.replay_failed': 409,
  'till.redemption_step': 422,
  'till.void_after_refund': 422,
  'coupon.hold_amount_mismatch': 409,
  'coupon.void_via_purchase': 409,
  'referral.code_unknown': 404,
  'referral.already_bound': 409,
  'referral.rejected': 422,
  /** Internal: a reward posting found its side no longer owed (paid, or clawed back first). */
  'referral.reward_not_owed': 409,
  'member.own_roles': 422,
  'request.too_large': 413,
  'request.unsupported_media_type': 415,
  // ── console (B1) ──
  /** The template was ended by an operator: no more claims, exchanges, gifts or edits. */
  'coupon.ended': 422,
  // ── console (B2) ──
  /** A closed store's till takes no purchases or points redemptions. */
  'store.closed': 422,
  // ── console (B3) ──
  /** A scheduled rule change must give members `ruleChanges.noticeDays` of notice. */
  'rules.notice_too_short': 422,
  /** Another change is already scheduled for that date (one per date, so their order is never a question). */
  'rules.change_date_taken': 409,
  'rules.change_not_found': 404,
  /** The change already applied (or failed to): it can no longer be cancelled. */
  'rules.change_not_cancellable': 409,
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
