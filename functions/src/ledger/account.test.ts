import fc from 'fast-check'
import { accountProblems, applyMovement, deltaOf, emptyAccount, netPoints, type AccountState, type Movement } from './account'

const apply = (a: AccountState, ...ms: Movement[]) => ms.reduce(applyMovement, a)

describe('account movements', () => {
  it('spends the oldest expiry lots first', () => {
    const a = apply(emptyAccount(), { kind: 'earn', points: 30, expiryMonth: '2027-03' }, { kind: 'earn', points: 50, expiryMonth: '2026-12' }, { kind: 'earn', points: 20, expiryMonth: '2027-01' })
    expect(apply(a, { kind: 'spend', points: 60 }).lots).toEqual({ '2027-01': 10, '2027-03': 30 })
  })

  it('refuses a spend larger than available with points.insufficient and leaves the account alone', () => {
    const a = apply(emptyAccount(), { kind: 'earn', points: 10, expiryMonth: '2027-01' }, { kind: 'earn_pending', points: 100 })
    expect(() => applyMovement(a, { kind: 'spend', points: 11 })).toThrow(expect.objectContaining({ code: 'points.insufficient' }))
  })

  it('turns a clawback beyond available into debt, paid first by the next earnings', () => {
    let a = apply(emptyAccount(), { kind: 'earn', points: 40, expiryMonth: '2027-01' }, { kind: 'clawback', points: 100 })
    expect(a).toMatchObject({ available: 0, debt: 60, lots: {} })
    a = applyMovement(a, { kind: 'earn', points: 50, expiryMonth: '2027-02' })
    expect(a).toMatchObject({ available: 0, debt: 10 })
    a = applyMovement(a, { kind: 'earn', points: 25, expiryMonth: '2027-02' })
    expect(a).toMatchObject({ available: 15, debt: 0, lots: { '2027-02': 15 } })
  })

  it('pays debt at activation too, and puts the rest in the purchase lot', () => {
    const a = apply(emptyAccount(), { kind: 'earn_pending', points: 80 }, { kind: 'clawback', points: 30 }, { kind: 'activate', points: 80, expiryMonth: '2027-05' })
    expect(a).toMatchObject({ pending: 0, debt: 0, available: 50, lots: { '2027-05': 50 } })
  })

  it('expires only what is left of the lot', () => {
    const a = apply(emptyAccount(), { kind: 'earn', points: 100, expiryMonth: '2026-11' }, { kind: 'earn', points: 10, expiryMonth: '2026-12' }, { kind: 'spend', points: 70 }, { kind: 'expire', expiryMonth: '2026-11' })
    expect(a).toMatchObject({ available: 10, expired: 30, lots: { '2026-12': 10 } })
  })

  it('counts net points as the change of available + pending − debt', () => {
    const before = apply(emptyAccount(), { kind: 'earn', points: 20, expiryMonth: '2027-01' })
    const after = applyMovement(before, { kind: 'clawback', points: 50 })
    expect(netPoints(deltaOf(before, after))).toBe(-50)
  })
})

const month = fc.constantFrom('2026-11', '2026-12', '2027-01', '9999-12')
const movement: fc.Arbitrary<Movement> = fc.oneof(
  fc.record({ kind: fc.constant('earn' as const), points: fc.integer({ min: 1, max: 500 }), expiryMonth: month }),
  fc.record({ kind: fc.constant('earn_pending' as const), points: fc.integer({ min: 1, max: 500 }) }),
  fc.record({ kind: fc.constant('activate' as const), points: fc.integer({ min: 1, max: 500 }), expiryMonth: month }),
  fc.record({ kind: fc.constant('spend' as const), points: fc.integer({ min: 1, max: 500 }) }),
  fc.record({ kind: fc.constant('void_pending' as const), points: fc.integer({ min: 1, max: 500 }) }),
  fc.record({ kind: fc.constant('clawback' as const), points: fc.integer({ min: 1, max: 500 }) }),
  fc.record({ kind: fc.constant('expire' as const), expiryMonth: month }),
)

describe('account invariants (property)', () => {
  it('hold after any sequence of accepted movements; refused movements change nothing', () => {
    fc.assert(
      fc.property(fc.array(movement, { maxLength: 60 }), (ms) => {
        let a = emptyAccount()
        let net = 0
        for (const m of ms) {
          let next: AccountState
          try {
            next = applyMovement(a, m)
          } catch {
            continue // a refusal (or an impossible activation/void) leaves `a` untouched
          }
          net += netPoints(deltaOf(a, next))
          a = next
          expect(accountProblems(a)).toEqual([])
        }
        expect(net).toBe(a.available + a.pending - a.debt)
      }),
      { numRuns: 500 },
    )
  })
})
