import { httpRoute, type RouteRequest, type RouteResponse } from '../../lib/http'
import type { Session } from '../../lib/session'
import { tillContext } from '../../staff/till-deps'
import type { TillContext } from '../../staff/till-context'
import { confirmCoupon, holdCoupon, redeemCoupon, releaseCoupon, voidCoupon } from '../till'

type CouponTillRoute = 'holdCoupon' | 'confirmCoupon' | 'releaseCoupon' | 'redeemCoupon' | 'voidCoupon'

/**
 * A coupon till route: the till context reads the caller as staff from the table (a disabled
 * clerk with a live token is refused), the rules (the allowance) and the request id (the audit entry).
 */
const couponRoute = <K extends CouponTillRoute>(name: K, act: (ctx: TillContext, req: RouteRequest<K>) => Promise<RouteResponse<K>>) =>
  httpRoute(name, async (req, deps) => act(await tillContext(deps, req.session as Session, req.requestId), req))

export const holdHandler = couponRoute('holdCoupon', (ctx, { params, body }) => holdCoupon(ctx, ctx.staff, params.code, body.orderId, body.amountFen))

export const confirmHandler = couponRoute('confirmCoupon', (ctx, { params, body }) => confirmCoupon(ctx, ctx.staff, params.code, body.orderId))

export const releaseHandler = couponRoute('releaseCoupon', (ctx, { params, body }) => releaseCoupon(ctx, ctx.staff, params.code, body.orderId))

export const redeemHandler = couponRoute('redeemCoupon', (ctx, { params, body }) => redeemCoupon(ctx, ctx.staff, params.code, body.orderId, body.amountFen))

export const voidHandler = couponRoute('voidCoupon', (ctx, { params, body }) => voidCoupon(ctx, ctx.staff, params.code, body.orderId))
