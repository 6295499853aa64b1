/** Shared by the referral integration tests: members, tickets and binds at chosen times. */
import { randomUUID } from 'node:crypto'
import { defaultProgramRules, type ProgramRules } from '@siyu/shared/rules/program-rules'
import { getDeps } from '../lib/deps'
import type { Table } from '../lib/db'
import { loginByOpenid, setConsents } from '../members/members'
import { bindReferral } from './bind'
import { ensureInviteCode } from './invite-code'
import { issueOpenTicket } from './open-ticket'

export const rules = defaultProgramRules()
export const T0 = '2026-11-02T02:00:00Z' // a Monday, 10:00 in Shanghai
export const iso = (base: string, ms: number) => new Date(new Date(base).getTime() + ms).toISOString()
export const H = 3_600_000
export const D = 24 * H

/** A consenting member registered at `createdAt`. */
export async function member(createdAt = '2026-01-01T00:00:00Z'): Promise<string> {
  const deps = { ...getDeps(), clock: () => new Date(createdAt) }
  const { member: m } = await loginByOpenid(deps, { openid: `ref-${randomUUID()}` })
  await setConsents(deps, m.memberId, { privacyPolicyVersion: rules.privacy.policyVersion, marketing: false, personalisation: false }, rules)
  return m.memberId
}

export const codeOf = (memberId: string) => ensureInviteCode({ table: getDeps().table }, memberId)
export const secret = () => getDeps().config.sessionSecret

/** The ticket the server gives when `code` is opened at `openedAt`. */
export async function ticketAt(code: string, openedAt: string, r: ProgramRules = rules): Promise<string> {
  return (await issueOpenTicket({ table: getDeps().table, clock: () => new Date(openedAt), sessionSecret: secret() }, r, code)).ticket
}

export const bindDeps = (at: string, table: Table = getDeps().table) => ({ table, clock: () => new Date(at), sessionSecret: secret() })

/** The invitee binds with the referrer's code at `at`, with a ticket of an open at `openedAt`. */
export async function bind(inviteeId: string, referrerId: string, o: { at?: string; openedAt?: string; rules?: ProgramRules; table?: Table } = {}) {
  const inviteCode = await codeOf(referrerId)
  const ticket = await ticketAt(inviteCode, o.openedAt ?? T0, o.rules)
  return bindReferral(bindDeps(o.at ?? iso(T0, H), o.table), o.rules ?? rules, inviteeId, { inviteCode, ticket })
}

/** A bind's outcome: 'bound', the refusal's reason, or the error code. */
export const outcome = (p: Promise<unknown>) => p.then(() => 'bound', (e: { code: string; details?: { reason?: string } }) => e.details?.reason ?? e.code)

/** A table whose client counts the items each read returns (GetItem, BatchGet, Query). */
export function countingTable(): { table: Table; itemsRead: () => number; reset: () => void } {
  const real = getDeps().table
  let read = 0
  const db = new Proxy(real.db, {
    get(target, prop, receiver) {
      if (prop !== 'send') return Reflect.get(target, prop, receiver)
      return async (command: never) => {
        const res = (await target.send(command)) as { Item?: unknown; Items?: unknown[]; Count?: number; ScannedCount?: number; Responses?: Record<string, unknown[]> }
        read += (res.Item ? 1 : 0) + (res.ScannedCount ?? res.Items?.length ?? 0) + Object.values(res.Responses ?? {}).reduce((s, l) => s + l.length, 0)
        return res
      }
    },
  })
  return { table: { db, name: real.name }, itemsRead: () => read, reset: () => void (read = 0) }
}

/** A table whose client runs `before` once, ahead of the first TransactWriteItems that `matches` (which then goes on, unless `before` throws). */
export function hookedTable(matches: (input: unknown) => boolean, before: () => Promise<void>): { table: Table; hooked: () => boolean } {
  const real = getDeps().table
  let hooked = false
  const db = new Proxy(real.db, {
    get(target, prop, receiver) {
      if (prop !== 'send') return Reflect.get(target, prop, receiver)
      return async (command: { constructor: { name: string }; input: unknown }) => {
        if (!hooked && command.constructor.name === 'TransactWriteCommand' && matches(command.input)) {
          hooked = true
          await before()
        }
        return target.send(command as never)
      }
    },
  })
  return { table: { db, name: real.name }, hooked: () => hooked }
}

/** A table whose client throws (a crash) on the first TransactWriteItems that `matches`. */
export function crashingTable(matches: (input: unknown) => boolean): { table: Table; crashed: () => boolean } {
  const t = hookedTable(matches, () => Promise.reject(Object.assign(new Error('injected crash'), { name: 'InjectedCrash' })))
  return { table: t.table, crashed: t.hooked }
}
