import { shanghaiDate } from '@siyu/shared/rules/business-day'
import { httpRoute } from '../../lib/http'
import { recordPurchase } from '../purchase'
import { redeemPoints } from '../redemption'
import { recordRefund } from '../refund'
import { listAudit, storeDaySummary } from '../reports'
import { tillContext } from '../till-deps'
import { voidAction } from '../void'

export const purchaseHandler = httpRoute('recordPurchase', async ({ session, body, requestId }, deps) =>
  recordPurchase(await tillContext(deps, session, requestId), body))

export const refundHandler = httpRoute('recordRefund', async ({ session, body, requestId }, deps) =>
  recordRefund(await tillContext(deps, session, requestId), body))

export const redemptionHandler = httpRoute('redeemPoints', async ({ session, body, requestId }, deps) =>
  redeemPoints(await tillContext(deps, session, requestId), body))

export const voidHandler = httpRoute('voidAction', async ({ session, params, requestId }, deps) =>
  voidAction(await tillContext(deps, session, requestId), params.id))

export const summaryHandler = httpRoute('getStaffSummary', async ({ session, query, requestId }, deps) => {
  const ctx = await tillContext(deps, session, requestId)
  return storeDaySummary(deps.table, ctx.staff.storeId, query.date ?? shanghaiDate(deps.clock()))
})

export const auditHandler = httpRoute('getAudit', async ({ session, query, requestId }, deps) => {
  const ctx = await tillContext(deps, session, requestId, { managerOnly: true })
  return listAudit(deps.table, ctx.staff.storeId, query.date ?? shanghaiDate(deps.clock()), query)
})
