import Taro from '@tarojs/taro'
import type { ApiClient } from '@/api/client'
import { ApiError, messageFor } from '@/api/errors'
import { showNotice } from '@/lib/feedback'
import { afterBind, afterTicket, capture, inviteCodeOf, parseKept, withTicket, type KeptInvite } from '@/lib/invite-capture'

const KEY = 'siyu.invite'

/** The invite code this device was first opened with, kept in local storage until it is bound. */
export const keptInvite = {
  get: (): KeptInvite | null => parseKept(Taro.getStorageSync(KEY)),
  set: (kept: KeptInvite) => Taro.setStorageSync(KEY, kept),
  clear: () => Taro.removeStorageSync(KEY),
}

/**
 * Keeps the invite of a launch, show or page query (`invite=CODE`): the first code and when it was
 * first seen win; a later code changes nothing while the first is kept; an expired one is dropped.
 * The server's ticket for it is asked for separately (`ticketKeptInvite`).
 */
export function keepInviteFrom(query: Record<string, unknown> | null | undefined, now = new Date()): void {
  const kept = keptInvite.get()
  const next = capture(kept, inviteCodeOf(query), now)
  if (next === kept) return
  if (next) keptInvite.set(next)
  else keptInvite.clear()
}

type BindClient = Pick<ApiClient, 'call'>

const statusOf = (err: unknown) => (err instanceof ApiError ? err.status : 0)

let ticketing: Promise<KeptInvite | null> | null = null

/**
 * Asks the server for the ticket of the kept open (the server's own time of it, which is what
 * the bind is judged by), once: the welcome page asks as soon as it opens, a bind waits for it.
 * An unknown code is dropped and the member told; with no answer the code stays, to ask again.
 */
export function ticketKeptInvite(client: BindClient, now = new Date()): Promise<KeptInvite | null> {
  ticketing ??= fetchTicket(client, now).finally(() => {
    ticketing = null
  })
  return ticketing
}

async function fetchTicket(client: BindClient, now: Date): Promise<KeptInvite | null> {
  const kept = capture(keptInvite.get(), null, now)
  if (!kept) {
    keptInvite.clear()
    return null
  }
  if (kept.ticket) return kept
  try {
    const next = withTicket(kept, await client.call('openInvite', { body: { inviteCode: kept.code } }))
    keptInvite.set(next)
    return next
  } catch (err) {
    if (afterTicket({ status: statusOf(err) }) === 'keep') return kept
    keptInvite.clear()
    showNotice(messageFor(err))
    return null
  }
}

let binding: Promise<void> | null = null

/**
 * Binds the logged-in member to the kept invite, once: concurrent callers (a login and the app
 * showing) share one request. A bind or a definitive refusal clears the code and tells the
 * member; with no answer or a server failure it stays for the next launch.
 */
export function bindKeptInvite(client: BindClient, now = new Date()): Promise<void> {
  binding ??= attemptBind(client, now).finally(() => {
    binding = null
  })
  return binding
}

async function attemptBind(client: BindClient, now: Date): Promise<void> {
  const kept = await ticketKeptInvite(client, now)
  // No code kept, or no ticket yet (no answer from the server): nothing to bind until there is.
  if (!kept?.ticket) return
  try {
    const bound = await client.call('bindReferral', { body: { inviteCode: kept.code, ticket: kept.ticket } })
    keptInvite.clear()
    if (!bound.replayed) showNotice(`已接受${bound.referrer.nickname ?? '好友'}的邀请，完成首单即可获得积分奖励`)
  } catch (err) {
    if (afterBind({ status: statusOf(err) }) === 'keep') return
    keptInvite.clear()
    showNotice(messageFor(err))
  }
}
