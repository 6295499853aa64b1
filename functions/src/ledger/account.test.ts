import fc from 'fast-check'
import { accountProblems, applyMovement, applyMovements, deltaOf, emptyAccount, netPoints, type AccountState, type Movement } from './account'

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

  it('tells which lots a spend and a clawback took, oldest first', () => {
    const a = apply(emptyAccount(), { kind: 'earn', points: 30, expiryMonth: '2027-05' }, { kind: 'earn', points: 20, expiryMonth: '2026-11' })
    expect(applyMovements(a, [{ kind: 'spend', points: 25 }]).taken).toEqual({ '2026-11': 20, '2027-05': 5 })
    expect(applyMovements(a, [{ kind: 'clawback', points: 80 }]).taken).toEqual({ '2026-11': 20, '2027-05': 30 })
    expect(applyMovements(a, [{ kind: 'earn', points: 5, expiryMonth: '2027-11' }]).taken).toEqual({})
  })

  it('restores a spend to the lots it took, and lifetime spent with it', () => {
    const a = apply(emptyAccount(), { kind: 'earn', points: 30, expiryMonth: '2027-05' }, { kind: 'earn', points: 20, expiryMonth: '2026-11' })
    const { after, taken } = applyMovements(a, [{ kind: 'spend', points: 25 }])
    expect(applyMovement(after, { kind: 'restore', lots: taken, ended: [] })).toMatchObject({ available: 50, lots: { '2026-11': 20, '2027-05': 30 }, spent: 0, earned: 50 })
  })

  it('pays debt first out of a restore, oldest month first; an ended month comes back expired', () => {
    let a = apply(emptyAccount(), { kind: 'earn', points: 100, expiryMonth: '2027-01' }, { kind: 'clawback', points: 110 })
    a = { ...a, spent: 60 }
    expect(a).toMatchObject({ debt: 10, available: 0 })
    const back = applyMovement(a, { kind: 'restore', lots: { '2026-11': 25, '2027-05': 35 }, ended: ['2026-11'] })
    expect(back).toMatchObject({ debt: 0, available: 35, lots: { '2027-05': 35 }, expired: 15, spent: 0 })
    expect(accountProblems(back)).toEqual([])
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
  fc.record({ kind: fc.constant('restore' as const), lots: fc.dictionary(month, fc.integer({ min: 1, max: 300 }), { minKeys: 1 }), ended: fc.subarray(['2026-11', '2026-12']) }),
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
