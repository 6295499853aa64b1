import { createHmac } from 'node:crypto'
import { SignJWT, errors, jwtVerify } from 'jose'
import type { ProgramRules } from '@siyu/shared/rules/program-rules'
import type { OpenInviteResponse } from '@siyu/shared/schemas/referrals'
import type { Table } from '../lib/db'
import { DomainError } from '../lib/errors'
import type { Clock } from '../lib/ids'
import { takeToken } from '../lib/rate-limit'
import { memberOfInviteCode } from './invite-code'

/**
 * The open ticket: when a share is opened, the server signs the invite code and its own time
 * (HS256, a key of its own derived from the session secret, its own audience), and the app
 * sends that back to bind. Newness is then decided from a time the server wrote, never from a
 * device's clock. Nothing is stored: the signature is the record.
 */
const ISSUER = 'siyu'
const AUDIENCE = 'siyu-referral-open'
const DAY_S = 86_400

export interface TicketDeps {
  table: Table
  clock: Clock
  /** The session secret; the ticket key is derived from it, so a session token is never a ticket. */
  sessionSecret: Uint8Array
}

/** A separate key for tickets: HMAC-SHA256(session secret, purpose). */
export const ticketKey = (sessionSecret: Uint8Array) => new Uint8Array(createHmac('sha256', sessionSecret).update('siyu/referral-open-ticket/v1').digest())

/**
 * The ticket of an open of `code` (404 for an unknown code). Valid for `attributionDays` and a
 * day: past that a newcomer could not be new by it anyway. One bucket per code bounds how fast
 * tickets are handed out (the route has no caller to count).
 */
export async function issueOpenTicket(deps: TicketDeps, rules: ProgramRules, inviteCode: string): Promise<OpenInviteResponse> {
  if (!(await memberOfInviteCode(deps.table, inviteCode))) throw new DomainError('referral.code_unknown', '邀请码不存在')
  await takeToken(deps, `referral-open:${inviteCode}`, rules.referrals.opensPerCode)
  const iat = Math.floor(deps.clock().getTime() / 1000)
  const exp = iat + (rules.referrals.attributionDays + 1) * DAY_S
  const ticket = await new SignJWT({ code: inviteCode })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(ISSUER).setAudience(AUDIENCE).setIssuedAt(iat).setExpirationTime(exp)
    .sign(ticketKey(deps.sessionSecret))
  return { inviteCode, ticket, openedAt: new Date(iat * 1000).toISOString(), expiresAt: new Date(exp * 1000).toISOString() }
}

/** What a ticket says about an open of `code`: its server time, or why it cannot be believed. */
export type TicketCheck = { ok: true; openedAt: Date } | { ok: false; why: 'invalid' | 'expired' }

/** Checks the signature, the claims and that the ticket is for `code`; `expired` only for a genuine ticket. */
export async function checkOpenTicket(sessionSecret: Uint8Array, ticket: string, inviteCode: string, now: Date): Promise<TicketCheck> {
  try {
    const { payload } = await jwtVerify(ticket, ticketKey(sessionSecret), {
      issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'], requiredClaims: ['iat', 'exp'], currentDate: now,
    })
    if (payload.code !== inviteCode || typeof payload.iat !== 'number') return { ok: false, why: 'invalid' }
    return { ok: true, openedAt: new Date(payload.iat * 1000) }
  } catch (err) {
    // jose checks the signature before the claims: JWTExpired means a ticket we signed, just old.
    if (err instanceof errors.JWTExpired) return { ok: false, why: 'expired' }
    if (err instanceof errors.JOSEError) return { ok: false, why: 'invalid' }
    throw err
  }
}
