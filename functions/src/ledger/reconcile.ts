import { ScanCommand } from '@aws-sdk/lib-dynamodb'
import type { Table } from '../lib/db'
import { accountProblems, netPoints } from './account'
import { accountState, type AccountItem, type EntryItem } from './account-item'

export interface Drift {
  memberId: string
  problem: string
}

export interface ReconcileReport {
  accounts: number
  entries: number
  drifts: Drift[]
}

interface MemberLedger {
  account?: AccountItem
  entries: EntryItem[]
  pendingRemaining: number
}

/** Reads every member's account, entries and pending lots in one pass over the table. */
async function loadLedgers(table: Table): Promise<Map<string, MemberLedger>> {
  const byMember = new Map<string, MemberLedger>()
  const ledger = (memberId: string) => {
    let l = byMember.get(memberId)
    if (!l) byMember.set(memberId, (l = { entries: [], pendingRemaining: 0 }))
    return l
  }
  let start: Record<string, unknown> | undefined
  do {
    const page = await table.db.send(
      new ScanCommand({
        TableName: table.name,
        FilterExpression: '#type IN (:account, :entry, :lot)',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: { ':account': 'account', ':entry': 'entry', ':lot': 'pendingLot' },
        ExclusiveStartKey: start,
        ConsistentRead: true,
      }),
    )
    for (const item of page.Items ?? []) {
      const l = ledger(item.memberId as string)
      if (item.type === 'account') l.account = item as AccountItem
      else if (item.type === 'entry') l.entries.push(item as EntryItem)
      else if (item.status === 'pending') l.pendingRemaining += item.remaining as number
    }
    start = page.LastEvaluatedKey
  } while (start)
  return byMember
}

function checkMember(memberId: string, l: MemberLedger): string[] {
  if (!l.account) return l.entries.length ? [`${l.entries.length} entries without an account`] : []
  const a = accountState(l.account)
  const problems = accountProblems(a)
  const entries = [...l.entries].sort((x, y) => x.seq - y.seq)
  const sum = entries.reduce(
    (s, e) => ({ available: s.available + e.delta.available, pending: s.pending + e.delta.pending, debt: s.debt + e.delta.debt, points: s.points + e.points }),
    { available: 0, pending: 0, debt: 0, points: 0 },
  )
  if (entries.length !== a.version) problems.push(`${entries.length} entries but account version ${a.version}`)
  entries.forEach((e, i) => {
    if (e.seq !== i + 1) problems.push(`entry sequence gap at ${i + 1} (found ${e.seq})`)
    if (e.points !== netPoints(e.delta)) problems.push(`entry ${e.seq} points ${e.points} != its delta`)
  })
  for (const k of ['available', 'pending', 'debt'] as const) {
    if (sum[k] !== a[k]) problems.push(`sum of entries' ${k} ${sum[k]} != account ${k} ${a[k]}`)
  }
  if (sum.points !== a.available + a.pending - a.debt) problems.push(`sum of entry points ${sum.points} != available + pending - debt`)
  const last = entries[entries.length - 1]
  if (last && (last.balanceAfter !== a.available || last.pendingAfter !== a.pending || last.debtAfter !== a.debt)) {
    problems.push(`last entry balances (${last.balanceAfter}/${last.pendingAfter}/${last.debtAfter}) != account`)
  }
  if (l.pendingRemaining !== a.pending) problems.push(`pending lots hold ${l.pendingRemaining} but account pending is ${a.pending}`)
  void memberId
  return problems
}

/**
 * Proves the ledger for every account: entries sum to the balances (available, pending, debt),
 * points sum to available + pending − debt, lots sum to available, entry sequence is complete
 * and matches the account version, the last entry's balances are the account's, and pending
 * lots hold exactly the pending points.
 */
export async function reconcile(table: Table): Promise<ReconcileReport> {
  const ledgers = await loadLedgers(table)
  const report: ReconcileReport = { accounts: 0, entries: 0, drifts: [] }
  for (const [memberId, l] of ledgers) {
    if (l.account) report.accounts++
    report.entries += l.entries.length
    for (const problem of checkMember(memberId, l)) report.drifts.push({ memberId, problem })
  }
  return report
}
