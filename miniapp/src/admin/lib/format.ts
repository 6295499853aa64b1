import type { PersonRef, StoreRef } from '@siyu/shared/schemas/console'

export { money, formatFen } from '@/lib/money'
export { formatShanghaiTime } from '@/lib/datetime'

/** A person as the console names them: 小王 · 138****0000 (no phone: the name alone). */
export const personText = (p: PersonRef | null | undefined): string => (p ? (p.phone ? `${p.name} · ${p.phone}` : p.name) : '—')

export const storeText = (s: StoreRef | null | undefined): string => s?.name ?? '全品牌'

/** Points with their sign (+10, −20), as ledgers show them. */
export const signedPoints = (n: number): string => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0')

/** Thousands separators for counts (12,345). */
export const count = (n: number): string => n.toLocaleString('en-US')
