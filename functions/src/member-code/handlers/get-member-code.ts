import { httpRoute } from '../../lib/http'
import { loadRules } from '../../program/rules-repo'
import { ensureCodeSecret } from '../secret'

export const handler = httpRoute('getMemberCode', async ({ session }, deps) =>
  ensureCodeSecret({ ...deps, piiKey: deps.config.piiKey }, await loadRules(deps.table), session.memberId),
)
