import { DomainError } from '../../lib/errors'
import { httpRoute } from '../../lib/http'
import { IDEMPOTENCY_KEY } from '../../ledger/adjustments'
import { getMember, requireConsent } from '../../members/members'
import { loadRules } from '../../program/rules-repo'
import { claimCoupon, exchangeCoupon } from '../claim'
import { listClaimable } from '../claimable'
import { getMyCoupon, listMyCoupons } from '../wallet'

/** The optional client key: absent is fine, malformed is a 400. */
function idempotencyKey(headers: Record<string, string | undefined>): string | undefined {
  const key = headers['idempotency-key'] ?? headers['Idempotency-Key']
  if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
    throw new DomainError('idempotency.key_required', 'Idempotency-Key 格式不正确（8–64 位字母、数字、-、_）')
  }
  return key
}

async function consenting(deps: Parameters<Parameters<typeof httpRoute>[1]>[1], memberId: string) {
  requireConsent(await getMember(deps.table, memberId), await loadRules(deps.table))
}

export const listTemplatesHandler = httpRoute('listCouponTemplates', async ({ session }, deps) => listClaimable(deps.table, session.memberId, deps.clock()))

export const claimHandler = httpRoute('claimCoupon', async ({ session, params, headers }, deps) => {
  const key = idempotencyKey(headers)
  await consenting(deps, session.memberId)
  return claimCoupon(deps, { memberId: session.memberId, templateId: params.id, idempotencyKey: key })
})

export const exchangeHandler = httpRoute('exchangeCoupon', async ({ session, params, headers }, deps) => {
  const key = idempotencyKey(headers)
  await consenting(deps, session.memberId)
  return exchangeCoupon(deps, { memberId: session.memberId, templateId: params.id, idempotencyKey: key })
})

export const myCouponsHandler = httpRoute('getMyCoupons', async ({ session, query }, deps) => listMyCoupons(deps.table, session.memberId, query, deps.clock()))

export const myCouponHandler = httpRoute('getMyCoupon', async ({ session, params }, deps) => getMyCoupon(deps.table, session.memberId, params.code, deps.clock()))
