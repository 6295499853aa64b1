import { KEEP_DAYS, afterBind, afterTicket, capture, inviteCodeOf, isExpired, parseKept, withTicket, type KeptInvite } from './invite-capture'

const at = (iso: string) => new Date(iso)
const first: KeptInvite = { code: 'AB12CD34', seenAt: '2026-08-01T02:00:00.000Z', ticket: null }
const TICKET = 'aaa.bbb.ccc'

describe('inviteCodeOf', () => {
  it.each([
    [{ invite: 'AB12CD34' }, 'AB12CD34'],
    [{ invite: ' ab12cd34 ' }, 'AB12CD34'],
    [{ invite: 'AB12CD34%20' }, 'AB12CD34'],
    [{ invite: 'AB12CD3' }, null],
    [{ invite: 'AB12CD34X' }, null],
    [{ invite: 'AB12-D34' }, null],
    [{ invite: '%E4%B8%AD' }, null],
    [{ invite: '%' }, null],
    [{ code: 'AB12CD34' }, null],
    [{}, null],
    [undefined, null],
    [null, null],
  ])('reads %j as %s', (query, code) => expect(inviteCodeOf(query)).toBe(code))
})

describe('capture', () => {
  it('keeps the first code with the time it was first seen', () => {
    expect(capture(null, 'AB12CD34', at('2026-08-01T02:00:00Z'))).toEqual(first)
  })

  it('lets the first code win over a later, different one', () => {
    expect(capture(first, 'ZZ99YY88', at('2026-08-03T00:00:00Z'))).toBe(first)
  })

  it('keeps the first time when the same code opens the app again', () => {
    expect(capture(first, 'AB12CD34', at('2026-08-05T00:00:00Z'))).toBe(first)
  })

  it('keeps what it has when the app opens without a code', () => {
    expect(capture(first, null, at('2026-08-02T00:00:00Z'))).toBe(first)
    expect(capture(null, null, at('2026-08-02T00:00:00Z'))).toBeNull()
  })

  it(`keeps a code ${KEEP_DAYS} days, then drops it or lets a new one take its place`, () => {
    const lastMoment = new Date(Date.parse(first.seenAt) + KEEP_DAYS * 86_400_000)
    const after = new Date(lastMoment.getTime() + 1)
    expect(isExpired(first, lastMoment)).toBe(false)
    expect(isExpired(first, after)).toBe(true)
    expect(capture(first, null, lastMoment)).toBe(first)
    expect(capture(first, null, after)).toBeNull()
    expect(capture(first, 'ZZ99YY88', after)).toEqual({ code: 'ZZ99YY88', seenAt: after.toISOString(), ticket: null })
  })

  it('keeps a code at least the 7 days a newcomer has to register', () => {
    expect(KEEP_DAYS).toBeGreaterThanOrEqual(7)
  })
})

describe('parseKept', () => {
  it.each([
    [first, first],
    [{ ...first, ticket: TICKET }, { ...first, ticket: TICKET }],
    [{ ...first, extra: 1 }, first],
    [{ ...first, ticket: 42 }, first],
    // An older app kept the device's open time: the code stays, a ticket will be asked for.
    [{ code: 'AB12CD34', openedAt: first.seenAt }, first],
    [{ code: 'ab12cd34', seenAt: first.seenAt }, null],
    [{ code: 'AB12CD34', seenAt: 'yesterday' }, null],
    [{ code: 'AB12CD34' }, null],
    ['AB12CD34', null],
    ['', null],
    [null, null],
  ])('reads %j as %j', (value, kept) => expect(parseKept(value)).toEqual(kept))
})

describe('withTicket', () => {
  it('adds the server’s ticket to the kept code', () => {
    expect(withTicket(first, { inviteCode: 'AB12CD34', ticket: TICKET })).toEqual({ ...first, ticket: TICKET })
  })

  it('keeps the first ticket, and ignores one for another code', () => {
    const ticketed = { ...first, ticket: TICKET }
    expect(withTicket(ticketed, { inviteCode: 'AB12CD34', ticket: 'x.y.z' })).toBe(ticketed)
    expect(withTicket(first, { inviteCode: 'ZZ99YY88', ticket: TICKET })).toBe(first)
  })
})

describe('afterTicket', () => {
  it.each([
    ['unknown code', { status: 404 }, 'clear'],
    ['no answer', { status: 0 }, 'keep'],
    ['rate limited', { status: 429 }, 'keep'],
    ['server failure', { status: 500 }, 'keep'],
  ] as const)('%s (%j) → %s', (_what, error, decision) => expect(afterTicket(error)).toBe(decision))
})

describe('afterBind', () => {
  it.each([
    ['bound', undefined, 'clear'],
    ['refused (self, cycle, staff, disabled, not new, invalid ticket)', { status: 422 }, 'clear'],
    ['already bound to someone else', { status: 409 }, 'clear'],
    ['unknown code', { status: 404 }, 'clear'],
    ['malformed request', { status: 400 }, 'clear'],
    ['no answer (offline, timeout)', { status: 0 }, 'keep'],
    ['server failure', { status: 500 }, 'keep'],
    ['service unavailable', { status: 503 }, 'keep'],
    ['rate limited', { status: 429 }, 'keep'],
    ['not logged in', { status: 401 }, 'keep'],
  ] as const)('%s (%j) → %s', (_what, error, decision) => expect(afterBind(error)).toBe(decision))
})
