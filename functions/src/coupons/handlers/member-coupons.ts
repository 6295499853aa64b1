import { httpRoute } from '../../lib/http'
import { getMember, requireConsent } from '../../members/members'
import { loadRules } from '../../program/rules-repo'
import { claimCoupon, exchangeCoupon } from '../claim'
import { listClaimable } from '../claimable'
import { getMyCoupon, listMyCoupons } from '../wallet'
import { requireIdempotencyKey } from './idempotency-key'

async function consenting(deps: Parameters<Parameters<typeof httpRoute>[1]>[1], memberId: string) {
  requireConsent(await getMember(deps.table, memberId), await loadRules(deps.table))
}

export const listTemplatesHandler = httpRoute('listCouponTemplates', async ({ session }, deps) => listClaimable(deps.table, session.memberId, deps.clock()))

export const claimHandler = httpRoute('claimCoupon', async ({ session, params, headers }, deps) => {
  const key = requireIdempotencyKey(headers)
  await consenting(deps, session.memberId)
  return claimCoupon(deps, { memberId: session.memberId, templateId: params.id, idempotencyKey: key })
})

export const exchangeHandler = httpRoute('exchangeCoupon', async ({ session, params, headers }, deps) => {
  const key = requireIdempotencyKey(headers)
  await consenting(deps, session.memberId)
  return exchangeCoupon(deps, { memberId: session.memberId, templateId: params.id, idempotencyKey: key })
})

export const myCouponsHandler = httpRoute('getMyCoupons', async ({ session, query }, deps) => listMyCoupons(deps.table, session.memberId, query, deps.clock()))

export const myCouponHandler = httpRoute('getMyCoupon', async ({ session, params }, deps) => getMyCoupon(deps.table, session.memberId, params.code, deps.clock()))
