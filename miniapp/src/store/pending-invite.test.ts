import Taro from '@tarojs/taro'
import { ApiError } from '@/api/errors'
import { KEEP_DAYS } from '@/lib/invite-capture'
import { resetTaroMock } from '../../test/taro-mock'
import { bindKeptInvite, keepInviteFrom, keptInvite, ticketKeptInvite } from './pending-invite'

const opened = new Date('2026-08-01T02:00:00.000Z')
const later = new Date('2026-08-02T02:00:00.000Z')
const bound = { referrer: { nickname: '小思' }, status: 'joined', unrewardedReason: null, boundAt: later.toISOString(), replayed: false }

const TICKET = 'head.payload.sig'
const ticketed = { code: 'AB12CD34', seenAt: opened.toISOString(), ticket: TICKET }
const opensOk = () => Promise.resolve({ inviteCode: 'AB12CD34', ticket: TICKET, openedAt: opened.toISOString(), expiresAt: later.toISOString() })

/** A client whose bindReferral answers with `bind` and openInvite with `open` (a value, or a thrown error). */
function client(bind: () => Promise<unknown>, open: () => Promise<unknown> = opensOk) {
  const call = jest.fn((name: string, _input?: unknown) => (name === 'openInvite' ? open() : bind()))
  return { call: call as unknown as Parameters<typeof bindKeptInvite>[0]['call'], calls: call.mock.calls }
}

beforeEach(() => resetTaroMock())

describe('keepInviteFrom', () => {
  it('keeps the first code of a query with the time it was seen, and ignores a later one', () => {
    keepInviteFrom({ invite: 'ab12cd34' }, opened)
    keepInviteFrom({ invite: 'ZZ99YY88' }, later)
    expect(keptInvite.get()).toEqual({ code: 'AB12CD34', seenAt: opened.toISOString(), ticket: null })
  })

  it('keeps nothing for a query without a well-formed code', () => {
    keepInviteFrom({ invite: 'nope' }, opened)
    keepInviteFrom(undefined, opened)
    expect(keptInvite.get()).toBeNull()
    expect(Taro.setStorageSync).not.toHaveBeenCalled()
  })

  it('drops an expired code when the app opens again', () => {
    keepInviteFrom({ invite: 'AB12CD34' }, opened)
    keepInviteFrom({}, new Date(opened.getTime() + (KEEP_DAYS + 1) * 86_400_000))
    expect(keptInvite.get()).toBeNull()
  })
})

describe('ticketKeptInvite', () => {
  beforeEach(() => keepInviteFrom({ invite: 'AB12CD34' }, opened))

  it('asks the server for the ticket of the kept code once, and keeps it', async () => {
    const api = client(() => Promise.reject(new Error('no bind')))
    await Promise.all([ticketKeptInvite(api, opened), ticketKeptInvite(api, opened)])
    await ticketKeptInvite(api, later)
    expect(api.calls).toEqual([['openInvite', { body: { inviteCode: 'AB12CD34' } }]])
    expect(keptInvite.get()).toEqual(ticketed)
  })

  it('drops an unknown code and says so; keeps the code without an answer, to ask again', async () => {
    await ticketKeptInvite(client(bindNever, () => Promise.reject(new ApiError('network.failed', '网络异常，请稍后重试', 0))), opened)
    expect(keptInvite.get()).toEqual({ code: 'AB12CD34', seenAt: opened.toISOString(), ticket: null })
    expect(Taro.showToast).not.toHaveBeenCalled()
    await ticketKeptInvite(client(bindNever, () => Promise.reject(new ApiError('referral.code_unknown', '邀请码不存在', 404))), opened)
    expect(keptInvite.get()).toBeNull()
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '邀请码不存在' }))
  })
})

const bindNever = () => Promise.reject(new Error('not expected'))

describe('bindKeptInvite', () => {
  beforeEach(() => keepInviteFrom({ invite: 'AB12CD34' }, opened))

  it('asks for the ticket first, binds with the code and the ticket (no device time), clears it and tells the member', async () => {
    const api = client(() => Promise.resolve(bound))
    await bindKeptInvite(api, later)
    expect(api.calls).toEqual([
      ['openInvite', { body: { inviteCode: 'AB12CD34' } }],
      ['bindReferral', { body: { inviteCode: 'AB12CD34', ticket: TICKET } }],
    ])
    expect(keptInvite.get()).toBeNull()
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已接受小思的邀请，完成首单即可获得积分奖励' }))
  })

  it('binds with the ticket kept when the share was opened, without asking again', async () => {
    await ticketKeptInvite(client(bindNever), opened)
    const api = client(() => Promise.resolve(bound), () => Promise.reject(new Error('asked again')))
    await bindKeptInvite(api, later)
    expect(api.calls).toEqual([['bindReferral', { body: { inviteCode: 'AB12CD34', ticket: TICKET } }]])
  })

  it('does not bind without a ticket (the server did not answer): the code waits for the next launch', async () => {
    const api = client(bindNever, () => Promise.reject(new ApiError('network.failed', '网络异常，请稍后重试', 0)))
    await bindKeptInvite(api, later)
    expect(api.calls.map(([name]) => name)).toEqual(['openInvite'])
    expect(keptInvite.get()).toMatchObject({ code: 'AB12CD34', ticket: null })
  })

  it('clears a replayed bind quietly', async () => {
    await bindKeptInvite(client(() => Promise.resolve({ ...bound, replayed: true })), later)
    expect(keptInvite.get()).toBeNull()
    expect(Taro.showToast).not.toHaveBeenCalled()
  })

  it.each([
    [422, 'referral.rejected', '仅限新会员在首次打开邀请后规定天数内注册时接受邀请'],
    [422, 'referral.rejected', '邀请链接无效，请重新打开好友分享的邀请'],
    [409, 'referral.already_bound', '你已接受过其他好友的邀请'],
    [404, 'referral.code_unknown', '邀请码不存在'],
  ])('clears the code after a definitive %i and shows why', async (status, code, message) => {
    await bindKeptInvite(client(() => Promise.reject(new ApiError(code, message, status))), later)
    expect(keptInvite.get()).toBeNull()
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: message }))
  })

  it.each([
    ['no answer', new ApiError('network.failed', '网络异常，请稍后重试', 0)],
    ['a server failure', new ApiError('server.unavailable', '服务暂时不可用，请稍后重试', 503)],
    ['a missing login', new ApiError('auth.required', '请先登录', 401)],
    ['too many attempts', new ApiError('rate.limited', '邀请尝试过于频繁，请稍后再试', 429)],
  ])('keeps the code and its ticket after %s, for the next launch', async (_what, error) => {
    await bindKeptInvite(client(() => Promise.reject(error)), later)
    expect(keptInvite.get()).toEqual(ticketed)
    expect(Taro.showToast).not.toHaveBeenCalled()
  })

  it('sends one request for callers that ask at the same time', async () => {
    const api = client(() => Promise.resolve(bound))
    await Promise.all([bindKeptInvite(api, later), bindKeptInvite(api, later)])
    expect(api.calls.filter(([name]) => name === 'bindReferral')).toHaveLength(1)
  })

  it('calls nothing when no code is kept, and drops an expired one', async () => {
    const api = client(() => Promise.resolve(bound))
    await bindKeptInvite(api, new Date(opened.getTime() + (KEEP_DAYS + 1) * 86_400_000))
    expect(keptInvite.get()).toBeNull()
    await bindKeptInvite(api, later)
    expect(api.calls).toHaveLength(0)
  })
})
