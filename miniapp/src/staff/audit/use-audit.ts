import type { AuditPage } from '@siyu/shared/schemas/staff'
import { api } from '@/api'
import { useCursorPages, type CursorPages } from '@/store/use-cursor-pages'

export const AUDIT_PAGE_SIZE = 30

export type AuditEntry = AuditPage['items'][number]

export interface AuditFilter {
  date: string
  /** One staff member's entries, or everyone's. */
  staffId: string | null
}

export interface AuditList extends Omit<CursorPages<AuditFilter, AuditEntry>, 'key' | 'setKey' | 'open'> {
  filter: AuditFilter
  /** Shows the entries of this filter from the first page (a new filter object always reloads). */
  setFilter: (filter: AuditFilter) => void
}

/** The store's audit entries of a day, paged by the server's cursor; answers for an older filter are dropped. */
export function useAudit(first: AuditFilter, limit = AUDIT_PAGE_SIZE): AuditList {
  const { key, setKey, open: _open, ...pages } = useCursorPages<AuditFilter, AuditEntry>({
    initialKey: first,
    fetchPage: (filter, cursor) =>
      api.call('getAudit', { query: { date: filter.date, staffId: filter.staffId ?? undefined, cursor: cursor ?? undefined, limit } }),
    idOf: (entry) => entry.id,
  })
  return { ...pages, filter: key, setFilter: setKey }
}
