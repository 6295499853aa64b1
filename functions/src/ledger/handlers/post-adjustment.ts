import { requireOperator } from '../../console/operator'
import { DomainError } from '../../lib/errors'
import { httpRoute } from '../../lib/http'
import { loadRules } from '../../program/rules-repo'
import { IDEMPOTENCY_KEY, adjustPoints } from '../adjustments'
import { toPointsEntry } from '../../entities/entry'

/** Admins and (not disabled) managers, read from the table; a manager's adjustment is audited in their store's trail. */
export const handler = httpRoute('postAdjustment', async ({ session, body, headers, requestId }, deps) => {
  const idempotencyKey = headers['idempotency-key'] ?? headers['Idempotency-Key']
  if (!idempotencyKey || !IDEMPOTENCY_KEY.test(idempotencyKey)) {
    throw new DomainError('idempotency.key_required', '缺少 Idempotency-Key 请求头（8–64 位字母、数字、-、_）')
  }
  const operator = await requireOperator(deps.table, session)
  const rules = await loadRules(deps.table)
  const { entry, replayed } = await adjustPoints(deps, rules, { ...body, operator, idempotencyKey, requestId })
  return { entry: toPointsEntry(entry), replayed }
})
