import { httpRoute } from '../../lib/http'
import { loadRules } from '../../program/rules-repo'
import { bindReferral } from '../bind'
import { getMyInvite, listMyReferrals } from '../queries'
import { listReferralsForReview } from '../review'

export const inviteHandler = httpRoute('getMyInvite', async ({ session }, deps) =>
  getMyInvite(deps.table, await loadRules(deps.table), session.memberId, deps.clock()))

export const referralsHandler = httpRoute('getMyReferrals', async ({ session, query }, deps) => listMyReferrals(deps.table, session.memberId, query, deps.clock()))

export const bindHandler = httpRoute('bindReferral', async ({ session, body }, deps) =>
  bindReferral({ ...deps, sessionSecret: deps.config.sessionSecret }, await loadRules(deps.table), session.memberId, body))

export const adminRejectedHandler = httpRoute('listReferralsAdmin', async ({ query, session }, deps) => listReferralsForReview(deps.table, session, query))
