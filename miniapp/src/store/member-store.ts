import type { ApiResponse } from '@/api/client'

export type Member = ApiResponse<'getMe'>

type Listener = () => void

let current: Member | null = null
const listeners = new Set<Listener>()

/** The logged-in member, shared by all pages (set by login, getMe and every member update). */
export const memberStore = {
  get: (): Member | null => current,
  set(member: Member | null) {
    current = member
    listeners.forEach((listener) => listener())
  },
  subscribe(listener: Listener): () => void {
    listeners.add(listener)
    return () => listeners.delete(listener)
  },
}
