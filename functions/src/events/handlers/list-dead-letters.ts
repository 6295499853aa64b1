import { httpRoute } from '../../lib/http'
import { listDeadLetters } from '../dead-letter-list'

export const handler = httpRoute('listDeadLetters', async ({ query }, deps) => listDeadLetters(deps.table, query))
