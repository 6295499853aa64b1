import { httpRoute } from '../../lib/http'
import type { Session } from '../../lib/session'
import { confirmCoupon, holdCoupon, redeemCoupon, releaseCoupon, voidCoupon, type Staff } from '../till'

const staffOf = (s: Session): Staff => ({ staffId: s.memberId, storeId: s.storeId })

export const holdHandler = httpRoute('holdCoupon', async ({ session, params, body }, deps) =>
  holdCoupon(deps, staffOf(session), params.code, body.orderId, body.amountFen))

export const confirmHandler = httpRoute('confirmCoupon', async ({ session, params, body }, deps) =>
  confirmCoupon(deps, staffOf(session), params.code, body.orderId))

export const releaseHandler = httpRoute('releaseCoupon', async ({ session, params, body }, deps) =>
  releaseCoupon(deps, staffOf(session), params.code, body.orderId))

export const redeemHandler = httpRoute('redeemCoupon', async ({ session, params, body }, deps) =>
  redeemCoupon(deps, staffOf(session), params.code, body.orderId, body.amountFen))

export const voidHandler = httpRoute('voidCoupon', async ({ session, params, body }, deps) =>
  voidCoupon(deps, staffOf(session), params.code, body.orderId))
