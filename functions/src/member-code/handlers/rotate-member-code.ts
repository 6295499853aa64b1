import { httpRoute } from '../../lib/http'
import { loadRules } from '../../program/rules-repo'
import { rotateCodeSecret } from '../secret'

export const handler = httpRoute('rotateMemberCode', async ({ session }, deps) =>
  rotateCodeSecret({ ...deps, piiKey: deps.config.piiKey }, await loadRules(deps.table), session.memberId),
)
