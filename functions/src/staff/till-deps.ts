import type { Deps } from '../lib/deps'
import type { Session } from '../lib/session'
import { loadRules } from '../program/rules-repo'
import { requireStaff } from './staff-auth'
import type { TillContext } from './till-context'

/** The till context of a request: the caller as staff (read from the table), the rules, the request id. */
export async function tillContext(deps: Deps, session: Session, requestId: string, opts: { managerOnly?: boolean } = {}): Promise<TillContext> {
  const [staff, rules] = await Promise.all([requireStaff(deps.table, session, opts), loadRules(deps.table)])
  return { table: deps.table, clock: deps.clock, piiKey: deps.config.piiKey, rules, staff, requestId }
}
