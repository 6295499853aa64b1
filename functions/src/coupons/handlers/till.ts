import { httpRoute } from '../../lib/http'
import { tillContext } from '../../staff/till-deps'
import { confirmCoupon, holdCoupon, redeemCoupon, releaseCoupon, voidCoupon } from '../till'

// The till context reads the caller as staff from the table (a disabled clerk with a live token is
// refused), the rules (the allowance) and the request id (the audit entry).

export const holdHandler = httpRoute('holdCoupon', async ({ session, params, body, requestId }, deps) => {
  const ctx = await tillContext(deps, session, requestId)
  return holdCoupon(ctx, ctx.staff, params.code, body.orderId, body.amountFen)
})

export const confirmHandler = httpRoute('confirmCoupon', async ({ session, params, body, requestId }, deps) => {
  const ctx = await tillContext(deps, session, requestId)
  return confirmCoupon(ctx, ctx.staff, params.code, body.orderId)
})

export const releaseHandler = httpRoute('releaseCoupon', async ({ session, params, body, requestId }, deps) => {
  const ctx = await tillContext(deps, session, requestId)
  return releaseCoupon(ctx, ctx.staff, params.code, body.orderId)
})

export const redeemHandler = httpRoute('redeemCoupon', async ({ session, params, body, requestId }, deps) => {
  const ctx = await tillContext(deps, session, requestId)
  return redeemCoupon(ctx, ctx.staff, params.code, body.orderId, body.amountFen)
})

export const voidHandler = httpRoute('voidCoupon', async ({ session, params, body, requestId }, deps) => {
  const ctx = await tillContext(deps, session, requestId)
  return voidCoupon(ctx, ctx.staff, params.code, body.orderId)
})
