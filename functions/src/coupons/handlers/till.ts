import { httpRoute } from '../../lib/http'
import type { Deps } from '../../lib/deps'
import type { Session } from '../../lib/session'
import { requireStaff } from '../../staff/staff-auth'
import { confirmCoupon, holdCoupon, redeemCoupon, releaseCoupon, voidCoupon, type Staff } from '../till'

/** The caller as staff, from the table: a disabled clerk with a live token is refused. */
const staffOf = async (deps: Deps, s: Session): Promise<Staff> => requireStaff(deps.table, s)

export const holdHandler = httpRoute('holdCoupon', async ({ session, params, body }, deps) =>
  holdCoupon(deps, await staffOf(deps, session), params.code, body.orderId, body.amountFen))

export const confirmHandler = httpRoute('confirmCoupon', async ({ session, params, body }, deps) =>
  confirmCoupon(deps, await staffOf(deps, session), params.code, body.orderId))

export const releaseHandler = httpRoute('releaseCoupon', async ({ session, params, body }, deps) =>
  releaseCoupon(deps, await staffOf(deps, session), params.code, body.orderId))

export const redeemHandler = httpRoute('redeemCoupon', async ({ session, params, body }, deps) =>
  redeemCoupon(deps, await staffOf(deps, session), params.code, body.orderId, body.amountFen))

export const voidHandler = httpRoute('voidCoupon', async ({ session, params, body }, deps) =>
  voidCoupon(deps, await staffOf(deps, session), params.code, body.orderId))
