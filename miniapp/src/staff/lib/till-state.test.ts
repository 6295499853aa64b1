import { card, tillAction } from './test-fixtures'
import { applyToCard, initialTill, tillReducer, type TillEvent, type TillState } from './till-state'

const run = (events: TillEvent[], from: TillState = initialTill) => events.reduce(tillReducer, from)
const verified: TillEvent = { type: 'verified', code: '12345678901234', card: card(), orderId: 'SO1' }

describe('till view states', () => {
  it('starts by identifying the member, then shows their card', () => {
    expect(initialTill.view).toEqual({ kind: 'identify' })
    const state = run([verified])
    expect(state.view).toEqual({ kind: 'card' })
    expect(state.session).toEqual({ code: '12345678901234', card: card(), orderId: 'SO1' })
  })

  it('opens forms for a member, and only the refund without one', () => {
    expect(run([{ type: 'open', form: 'purchase' }]).view).toEqual({ kind: 'identify' })
    expect(run([{ type: 'open', form: 'refund' }]).view).toEqual({ kind: 'form', form: 'refund' })
    expect(run([verified, { type: 'open', form: 'redeem' }]).view).toEqual({ kind: 'form', form: 'redeem' })
  })

  it('goes back to the card, or to the start when nobody is served', () => {
    expect(run([verified, { type: 'open', form: 'purchase' }, { type: 'back' }]).view).toEqual({ kind: 'card' })
    expect(run([{ type: 'open', form: 'refund' }, { type: 'back' }]).view).toEqual({ kind: 'identify' })
  })

  it('shows a purchase result, adds its pending points and starts a new order', () => {
    const action = tillAction()
    const state = run([verified, { type: 'open', form: 'purchase' }, { type: 'done', action, nextOrderId: 'SO2' }])
    expect(state.view).toEqual({ kind: 'result', action })
    expect(state.session?.card.points).toEqual({ available: 530, pending: 256, debt: 0 })
    expect(state.session?.orderId).toBe('SO2')
  })

  it('keeps the order after a redemption: its purchase comes next', () => {
    const action = tillAction({ kind: 'redemption', actionId: 'red_SO9', orderId: 'SO9', points: 300, discountFen: 300 })
    const state = run([verified, { type: 'done', action, nextOrderId: 'SO2' }])
    expect(state.session?.orderId).toBe('SO9')
    expect(state.session?.card.points.available).toBe(230)
  })

  it('takes back what a voided action added', () => {
    const action = tillAction()
    const state = run([verified, { type: 'done', action, nextOrderId: 'SO2' }, { type: 'voided', action: { ...action, voided: true } }])
    expect(state.view).toEqual({ kind: 'result', action: { ...action, voided: true } })
    expect(state.session?.card.points.pending).toBe(128)
  })

  it('shows a refund done without a member, and then starts over', () => {
    const action = tillAction({ kind: 'refund', actionId: 'ref_RF1', refundId: 'RF1', points: 64 })
    const state = run([{ type: 'open', form: 'refund' }, { type: 'done', action, nextOrderId: 'SO2' }])
    expect(state).toEqual({ session: null, view: { kind: 'result', action } })
    expect(run([{ type: 'next' }], state)).toEqual(initialTill)
  })

  it('takes a fresh code of the same member and keeps the open form; ignores another member', () => {
    const form = run([verified, { type: 'open', form: 'purchase' }])
    const fresh = run([{ type: 'recoded', code: '12345678909999', card: card({ step: 59_000_003 }) }], form)
    expect(fresh.session?.code).toBe('12345678909999')
    expect(fresh.view).toEqual({ kind: 'form', form: 'purchase' })
    const other = card({ memberId: 'm_0000000002' as never })
    expect(run([{ type: 'recoded', code: '22222222000000', card: other }], form)).toBe(form)
  })
})

describe('applyToCard', () => {
  it('leaves another member’s card and refunds alone', () => {
    const c = card()
    expect(applyToCard(c, tillAction({ memberId: 'm_other00000' }), 1)).toBe(c)
    expect(applyToCard(c, tillAction({ kind: 'refund' }), 1)).toBe(c)
  })

  it('never shows negative figures', () => {
    expect(applyToCard(card({ points: { available: 0, pending: 0, debt: 0 } }), tillAction(), -1).points.pending).toBe(0)
  })
})
