import { api, useRequest, type ApiResponse } from '@/api'

export type Program = ApiResponse<'getProgram'>

let cached: Promise<Program> | null = null

/** The public program rules, fetched once per app run (a failed fetch is retried next time). */
export function loadProgram(): Promise<Program> {
  cached ??= api.call('getProgram').catch((err: unknown) => {
    cached = null
    throw err
  })
  return cached
}

export const useProgram = () => useRequest(loadProgram)

/** For the consent page after `consent.policy_outdated`: forget the cached rules. */
export function forgetProgram() {
  cached = null
}
