import { DomainError } from '../../lib/errors'
import { IDEMPOTENCY_KEY } from '../../ledger/adjustments'

/**
 * The client's Idempotency-Key, required on every coupon write that creates stock, takes it or
 * spends points — from the app, a POS or a CRM alike: absent or malformed is a 400, before anything is read or written.
 */
export function requireIdempotencyKey(headers: Record<string, string | undefined>): string {
  const key = headers['idempotency-key'] ?? headers['Idempotency-Key']
  if (!key || !IDEMPOTENCY_KEY.test(key)) {
    throw new DomainError('idempotency.key_required', '缺少或无效的 Idempotency-Key 请求头（8–64 位字母、数字、-、_）')
  }
  return key
}
