import { requireOperator } from '../../console/operator'
import { httpRoute } from '../../lib/http'
import { loadRules } from '../../program/rules-repo'
import { getMemberDetail } from '../console/member-detail'
import { memberCheckins, memberCoupons, memberHistory, memberReferrals } from '../console/member-lists'
import { searchMembers } from '../console/member-search'

/** The console's member pages: admins and (not disabled) managers, read from the table; a manager may read any member. */
export const searchHandler = httpRoute('searchMembers', async ({ session, query }, deps) => {
  await requireOperator(deps.table, session)
  return searchMembers({ table: deps.table, piiKey: deps.config.piiKey }, await loadRules(deps.table), query)
})

export const detailHandler = httpRoute('getMemberDetail', async ({ session, params }, deps) => {
  await requireOperator(deps.table, session)
  return getMemberDetail(deps.table, await loadRules(deps.table), params.memberId, deps.clock())
})

export const historyHandler = httpRoute('getMemberHistoryAdmin', async ({ session, params, query }, deps) => {
  await requireOperator(deps.table, session)
  return memberHistory(deps.table, params.memberId, query)
})

export const couponsHandler = httpRoute('getMemberCouponsAdmin', async ({ session, params, query }, deps) => {
  await requireOperator(deps.table, session)
  return memberCoupons(deps.table, params.memberId, query, deps.clock())
})

export const checkinsHandler = httpRoute('getMemberCheckinsAdmin', async ({ session, params, query }, deps) => {
  await requireOperator(deps.table, session)
  return memberCheckins(deps.table, await loadRules(deps.table), params.memberId, deps.clock(), query.month)
})

export const referralsHandler = httpRoute('getMemberReferralsAdmin', async ({ session, params, query }, deps) => {
  await requireOperator(deps.table, session)
  return memberReferrals(deps.table, params.memberId, query, deps.clock())
})
