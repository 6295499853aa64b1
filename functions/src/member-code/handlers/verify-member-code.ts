import { httpRoute } from '../../lib/http'
import { loadRules } from '../../program/rules-repo'
import { verifyMemberCode } from '../verify'

export const handler = httpRoute('verifyMemberCode', async ({ body }, deps) =>
  verifyMemberCode({ ...deps, piiKey: deps.config.piiKey }, await loadRules(deps.table), body.code),
)
