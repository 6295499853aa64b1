import type { Table } from '../lib/db'
import { accountKeyOf, accountsScanPage, accountState, type AccountItem, type AccountScanKey } from '../entities/account'
import { entriesOf, type EntryItem } from '../entities/entry'
import { pendingLotsOf } from '../entities/pending-lot'
import { accountProblems, netPoints } from './account'

export interface Drift {
  memberId: string
  problem: string
}

export interface ReconcileReport {
  accounts: number
  entries: number
  drifts: Drift[]
}

/** Where a pass stopped: the key of the last account it checked (a Scan resumes after it). */
export type ResumeKey = AccountScanKey

export interface PassOptions {
  /** Continue a pass that stopped here. */
  resumeFrom?: ResumeKey
  /** Asked between accounts; true stops the pass with a resume key (a Lambda near its timeout). */
  shouldStop?: () => boolean
  /** Each drift as it is found, so a long pass need not keep them all. */
  onDrift?: (drift: Drift) => void
}

export interface PassResult {
  accounts: number
  entries: number
  drifts: number
  /** Undefined when every account has been checked. */
  resumeFrom?: ResumeKey
}

/**
 * Proves one account against its own partition: entries sum to the balances (available,
 * pending, debt), points sum to available + pending − debt, lots sum to available, the entry
 * sequence is complete and matches the account version, the last entry's balances are the
 * account's, and pending lots hold exactly the pending points. Entries are streamed in sequence
 * order (their sort key), so memory stays constant however long the history.
 */
export async function reconcileAccount(table: Table, account: AccountItem): Promise<{ entries: number; problems: string[] }> {
  const a = accountState(account)
  const problems = accountProblems(a)
  const sum = { available: 0, pending: 0, debt: 0, points: 0 }
  let count = 0
  let last: EntryItem | undefined
  for await (const e of entriesOf(table, account.memberId)) {
    count++
    if (e.seq !== count) problems.push(`entry sequence gap at ${count} (found ${e.seq})`)
    if (e.points !== netPoints(e.delta)) problems.push(`entry ${e.seq} points ${e.points} != its delta`)
    sum.available += e.delta.available
    sum.pending += e.delta.pending
    sum.debt += e.delta.debt
    sum.points += e.points
    last = e
  }
  if (count !== a.version) problems.push(`${count} entries but account version ${a.version}`)
  for (const k of ['available', 'pending', 'debt'] as const) {
    if (sum[k] !== a[k]) problems.push(`sum of entries' ${k} ${sum[k]} != account ${k} ${a[k]}`)
  }
  if (sum.points !== a.available + a.pending - a.debt) problems.push(`sum of entry points ${sum.points} != available + pending - debt`)
  if (last && (last.balanceAfter !== a.available || last.pendingAfter !== a.pending || last.debtAfter !== a.debt)) {
    problems.push(`last entry balances (${last.balanceAfter}/${last.pendingAfter}/${last.debtAfter}) != account`)
  }
  let pendingRemaining = 0
  for await (const lot of pendingLotsOf(table, account.memberId)) if (lot.status === 'pending') pendingRemaining += lot.remaining
  if (pendingRemaining !== a.pending) problems.push(`pending lots hold ${pendingRemaining} but account pending is ${a.pending}`)
  return { entries: count, problems }
}

/**
 * One pass over the accounts, account by account: a Scan filtered to account items (one page
 * in memory at a time) and, per account, a Query of its own partition. It can stop between
 * accounts and be resumed from the key it returns, so no single run needs the whole table.
 */
export async function reconcilePass(table: Table, opts: PassOptions = {}): Promise<PassResult> {
  const result: PassResult = { accounts: 0, entries: 0, drifts: 0 }
  let start = opts.resumeFrom
  do {
    const page = await accountsScanPage(table, start)
    for (const item of page.items) {
      if (opts.shouldStop?.()) return { ...result, resumeFrom: start }
      const { entries, problems } = await reconcileAccount(table, item)
      result.accounts++
      result.entries += entries
      for (const problem of problems) {
        result.drifts++
        opts.onDrift?.({ memberId: item.memberId, problem })
      }
      start = accountKeyOf(item)
    }
    start = page.next
  } while (start)
  return result
}

/** A whole pass at once, with every drift (for `npm run reconcile` and tests). */
export async function reconcile(table: Table): Promise<ReconcileReport> {
  const drifts: Drift[] = []
  const { accounts, entries } = await reconcilePass(table, { onDrift: (d) => drifts.push(d) })
  return { accounts, entries, drifts }
}
