import type { MemberCard } from '@siyu/shared/schemas/member-code'
import type { TillAction } from '@siyu/shared/schemas/staff'

export type FormKind = 'purchase' | 'redeem' | 'refund'

/** The customer being served. */
export interface TillSession {
  /** The code as scanned: every action of the order sends it (the server ties it to that order). */
  code: string
  card: MemberCard
  /** The order being served: its redemption and its purchase share this number. */
  orderId: string
}

/** What the workbench shows. */
export type TillView =
  | { kind: 'identify' }
  | { kind: 'card' }
  | { kind: 'form'; form: FormKind }
  | { kind: 'result'; action: TillAction }

export interface TillState {
  session: TillSession | null
  view: TillView
}

export type TillEvent =
  | { type: 'verified'; code: string; card: MemberCard; orderId: string }
  /** The same customer's fresh code (theirs expired, or served another order), keeping the open form. */
  | { type: 'recoded'; code: string; card: MemberCard }
  | { type: 'open'; form: FormKind }
  | { type: 'back' }
  /** An action succeeded; `nextOrderId` is the number the next order starts with. */
  | { type: 'done'; action: TillAction; nextOrderId: string }
  | { type: 'voided'; action: TillAction }
  /** The next customer: forget this one. */
  | { type: 'next' }

export const initialTill: TillState = { session: null, view: { kind: 'identify' } }

/**
 * The card's figures after an action (`sign` 1) or its void (-1): a purchase adds pending
 * points, a redemption spends available ones. A refund's split between pending and available is
 * the server's to decide, so it leaves the card as it is.
 */
export function applyToCard(card: MemberCard, action: TillAction, sign: 1 | -1): MemberCard {
  if (action.memberId !== card.memberId) return card
  const { points } = card
  if (action.kind === 'purchase') return { ...card, points: { ...points, pending: Math.max(0, points.pending + sign * action.points) } }
  if (action.kind === 'redemption') return { ...card, points: { ...points, available: Math.max(0, points.available - sign * action.points) } }
  return card
}

const home = (session: TillSession | null): TillView => (session ? { kind: 'card' } : { kind: 'identify' })

export function tillReducer(state: TillState, event: TillEvent): TillState {
  const { session } = state
  switch (event.type) {
    case 'verified':
      return { session: { code: event.code, card: event.card, orderId: event.orderId }, view: { kind: 'card' } }
    case 'recoded':
      if (!session || session.card.memberId !== event.card.memberId) return state
      return { ...state, session: { ...session, code: event.code, card: event.card } }
    case 'open':
      // Only a refund needs no customer: it names its order.
      if (!session && event.form !== 'refund') return state
      return { ...state, view: { kind: 'form', form: event.form } }
    case 'back':
      return { ...state, view: home(session) }
    case 'done': {
      const { action } = event
      if (!session) return { session, view: { kind: 'result', action } }
      // A purchase closes its order; after a redemption the same order's purchase comes next.
      const orderId = action.kind === 'purchase' ? event.nextOrderId : action.kind === 'redemption' ? action.orderId : session.orderId
      return { session: { ...session, card: applyToCard(session.card, action, 1), orderId }, view: { kind: 'result', action } }
    }
    case 'voided': {
      const card = session ? applyToCard(session.card, event.action, -1) : undefined
      return { session: session && card ? { ...session, card } : session, view: { kind: 'result', action: event.action } }
    }
    case 'next':
      return initialTill
  }
}
