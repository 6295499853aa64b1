import { httpRoute } from '../../lib/http'
import { loadRules } from '../../program/rules-repo'
import { replayDeadLetter } from '../dead-letters'

export const handler = httpRoute('replayDeadLetter', async ({ params }, deps) => replayDeadLetter(deps, await loadRules(deps.table), params.id))
