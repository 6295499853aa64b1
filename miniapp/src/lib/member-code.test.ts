import { MEMBER_CODE_VECTORS } from '@siyu/shared/rules/member-code.vectors'
import { memberCodeView } from './member-code'

/** The same vectors the backend verifies with: the app and the till agree on every code. */
describe('memberCodeView', () => {
  it.each(MEMBER_CODE_VECTORS)('computes $code at $at', ({ secret, shortId, at, code }) => {
    expect(memberCodeView({ shortId, secret, stepSeconds: 30, version: 1 }, new Date(at)).code).toBe(code)
  })

  it('formats the digits in groups and counts down to the next step', () => {
    const view = memberCodeView({ shortId: '10000001', secret: MEMBER_CODE_VECTORS[0].secret, stepSeconds: 30, version: 1 }, new Date('1970-01-01T00:00:59Z'))
    expect(view).toEqual({ code: '10000001287082', formatted: '1000 0001 287 082', secondsLeft: 1 })
  })

  it('changes the code at each step boundary and not before', () => {
    const secret = { shortId: '10000001', secret: MEMBER_CODE_VECTORS[0].secret, stepSeconds: 30, version: 1 }
    const at = (s: number) => memberCodeView(secret, new Date(Date.UTC(2026, 10, 25, 8, 0, s)))
    expect(at(0).code).toBe(at(29).code)
    expect(at(30).code).not.toBe(at(29).code)
    expect([at(0).secondsLeft, at(29).secondsLeft, at(30).secondsLeft]).toEqual([30, 1, 30])
  })
})
