import { DomainError } from '../lib/errors'

/**
 * A member's points account and the pure rules that move it. No I/O here: the posting code
 * reads an account, applies movements with these functions, and writes the result under a
 * version condition, so the arithmetic is testable on its own (see account.test.ts).
 */
export interface AccountState {
  available: number
  pending: number
  /** Points owed after a clawback larger than the available balance; paid by future earnings first. */
  debt: number
  /** Available points by expiry month (YYYY-MM, or NEVER_EXPIRES); sums to `available`. */
  lots: Record<string, number>
  earned: number
  spent: number
  expired: number
  reversed: number
  /** Number of entries posted; the next entry's sequence number is version + 1. */
  version: number
}

export const emptyAccount = (): AccountState => ({
  available: 0, pending: 0, debt: 0, lots: {}, earned: 0, spent: 0, expired: 0, reversed: 0, version: 0,
})

export type Movement =
  /** Points credited to available (after paying debt), in the lot of `expiryMonth`. */
  | { kind: 'earn'; points: number; expiryMonth: string }
  /** Points credited to pending (a purchase inside its return window). */
  | { kind: 'earn_pending'; points: number }
  /** Pending points becoming available (after paying debt). */
  | { kind: 'activate'; points: number; expiryMonth: string }
  /** A spend: refused unless available covers it; oldest lots first. */
  | { kind: 'spend'; points: number }
  /** Voids pending points (a refund inside the return window). */
  | { kind: 'void_pending'; points: number }
  /** Takes back points: what is available, and the rest becomes debt. */
  | { kind: 'clawback'; points: number }
  /** Expires what is left of one lot. */
  | { kind: 'expire'; expiryMonth: string }
  /**
   * A voided spend's points back to the lots they were taken from (after paying debt, oldest
   * month first); those of an `ended` month (already past the expiry job) expire at once.
   */
  | { kind: 'restore'; lots: Record<string, number>; ended: string[] }

export interface Delta {
  available: number
  pending: number
  debt: number
}

const positive = (n: number, what: string) => {
  if (!Number.isSafeInteger(n) || n <= 0) throw new Error(`${what} must be a positive integer, got ${n}`)
}

/** The points a take of `points` finds in each lot, oldest expiry month first. */
export function lotsTaken(lots: Record<string, number>, points: number): Record<string, number> {
  const taken: Record<string, number> = {}
  let left = points
  for (const month of Object.keys(lots).sort()) {
    if (left === 0) break
    const take = Math.min(lots[month], left)
    if (take > 0) taken[month] = take
    left -= take
  }
  if (left > 0) throw new Error('lots do not cover available: account is inconsistent')
  return taken
}

/** Takes `points` from the lots, oldest expiry month first. */
function consumeLots(lots: Record<string, number>, points: number): Record<string, number> {
  const next = { ...lots }
  for (const [month, take] of Object.entries(lotsTaken(lots, points))) {
    next[month] -= take
    if (next[month] === 0) delete next[month]
  }
  return next
}

function restore(a: AccountState, lots: Record<string, number>, ended: readonly string[]): AccountState {
  const next = { ...a, lots: { ...a.lots } }
  let total = 0
  for (const month of Object.keys(lots).sort()) {
    positive(lots[month], 'restore')
    total += lots[month]
    const paid = Math.min(lots[month], next.debt)
    const rest = lots[month] - paid
    next.debt -= paid
    if (rest === 0) continue
    if (ended.includes(month)) next.expired += rest
    else {
      next.available += rest
      next.lots[month] = (next.lots[month] ?? 0) + rest
    }
  }
  return { ...next, spent: next.spent - total }
}

function credit(a: AccountState, points: number, month: string): AccountState {
  const paid = Math.min(points, a.debt)
  const rest = points - paid
  return {
    ...a,
    debt: a.debt - paid,
    available: a.available + rest,
    lots: rest > 0 ? { ...a.lots, [month]: (a.lots[month] ?? 0) + rest } : a.lots,
    earned: a.earned + points,
  }
}

/** Applies one movement; throws a DomainError for refusals (insufficient points). */
export function applyMovement(a: AccountState, m: Movement): AccountState {
  switch (m.kind) {
    case 'earn':
      positive(m.points, 'earn')
      return credit(a, m.points, m.expiryMonth)
    case 'earn_pending':
      positive(m.points, 'earn_pending')
      return { ...a, pending: a.pending + m.points }
    case 'activate':
      positive(m.points, 'activate')
      if (m.points > a.pending) throw new Error('cannot activate more than pending')
      return credit({ ...a, pending: a.pending - m.points }, m.points, m.expiryMonth)
    case 'spend':
      positive(m.points, 'spend')
      if (m.points > a.available) {
        throw new DomainError('points.insufficient', `积分不足：可用 ${a.available}，需要 ${m.points}`, { available: a.available, required: m.points })
      }
      return { ...a, available: a.available - m.points, lots: consumeLots(a.lots, m.points), spent: a.spent + m.points }
    case 'void_pending':
      positive(m.points, 'void_pending')
      if (m.points > a.pending) throw new Error('cannot void more than pending')
      return { ...a, pending: a.pending - m.points, reversed: a.reversed + m.points }
    case 'clawback': {
      positive(m.points, 'clawback')
      const taken = Math.min(m.points, a.available)
      return {
        ...a,
        available: a.available - taken,
        lots: consumeLots(a.lots, taken),
        debt: a.debt + (m.points - taken),
        reversed: a.reversed + m.points,
      }
    }
    case 'restore':
      return restore(a, m.lots, m.ended)
    case 'expire': {
      const left = a.lots[m.expiryMonth] ?? 0
      const { [m.expiryMonth]: _gone, ...lots } = a.lots
      return { ...a, available: a.available - left, lots, expired: a.expired + left }
    }
  }
}

/**
 * Applies movements in order, also telling which expiry-month lots the spends and clawbacks among
 * them took (recorded on the entry, so a void can give exactly those back).
 */
export function applyMovements(before: AccountState, movements: readonly Movement[]): { after: AccountState; taken: Record<string, number> } {
  const taken: Record<string, number> = {}
  let a = before
  for (const m of movements) {
    if (m.kind === 'spend' || m.kind === 'clawback') {
      for (const [month, n] of Object.entries(lotsTaken(a.lots, Math.min(m.points, a.available)))) taken[month] = (taken[month] ?? 0) + n
    }
    a = applyMovement(a, m)
  }
  // A copy: with no movements `a` is `before` itself, which must not change.
  return { after: { ...a }, taken }
}

export const deltaOf = (before: AccountState, after: AccountState): Delta => ({
  available: after.available - before.available,
  pending: after.pending - before.pending,
  debt: after.debt - before.debt,
})

/** Net points of an entry: its effect on available + pending − debt (what reconciliation sums). */
export const netPoints = (d: Delta) => d.available + d.pending - d.debt

/** The invariants reconciliation proves for every stored account. */
export function accountProblems(a: AccountState): string[] {
  const problems: string[] = []
  const lotSum = Object.values(a.lots).reduce((s, n) => s + n, 0)
  if (lotSum !== a.available) problems.push(`lots sum ${lotSum} != available ${a.available}`)
  for (const [k, v] of Object.entries({ available: a.available, pending: a.pending, debt: a.debt })) {
    if (!Number.isSafeInteger(v) || v < 0) problems.push(`${k} is ${v}`)
  }
  if (Object.values(a.lots).some((n) => n <= 0)) problems.push('a lot is empty or negative')
  if (a.debt > 0 && a.available > 0) problems.push('debt and available points at once')
  return problems
}
