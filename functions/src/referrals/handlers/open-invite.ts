import { httpRoute } from '../../lib/http'
import { loadRules } from '../../program/rules-repo'
import { issueOpenTicket } from '../open-ticket'

/** Public (no login yet): a file of its own, so its function's role holds only what a ticket needs. */
export const handler = httpRoute('openInvite', async ({ body }, deps) =>
  issueOpenTicket({ ...deps, sessionSecret: deps.config.sessionSecret }, await loadRules(deps.table), body.inviteCode))
