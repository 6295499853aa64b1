import type { ConsoleOperator } from '@siyu/shared/schemas/console'
import { api, useRequest } from '@/api'
import type { ApiError } from '@/api/errors'

let cached: ConsoleOperator | undefined

/**
 * Who is using the console (`GET /v1/admin/me`, decided by the server from the stored member):
 * asked once per app session, then kept, so moving between console pages does not flash a skeleton.
 */
export function useOperator(): { operator: ConsoleOperator | undefined; loading: boolean; error: ApiError | undefined; reload: () => Promise<void> } {
  const state = useRequest(async () => {
    if (cached) return cached
    cached = await api.call('getConsoleMe')
    return cached
  }, [], { silent: true })
  return { operator: state.data, loading: state.loading, error: state.error, reload: state.reload }
}

/** Forgets the cached operator (after a logout or a role change). */
export function forgetOperator(): void {
  cached = undefined
}
