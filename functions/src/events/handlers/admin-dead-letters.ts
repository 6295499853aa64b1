import { httpRoute } from '../../lib/http'
import { loadRules } from '../../program/rules-repo'
import { listDeadLetters, replayDeadLetter } from '../dead-letters'

export const listHandler = httpRoute('listDeadLetters', async ({ query }, deps) => listDeadLetters(deps.table, query))

export const replayHandler = httpRoute('replayDeadLetter', async ({ params }, deps) => replayDeadLetter(deps, await loadRules(deps.table), params.id))
