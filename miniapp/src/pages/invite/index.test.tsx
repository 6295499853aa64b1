import { act, fireEvent, render } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { MyInvite, Referral } from '@/store/invite'
import { firePageEvent, resetTaroMock, setCurrentPage, shareAppMessage } from '../../../test/taro-mock'
import InvitePage from './index'

jest.mock('@/components/ui', () => require('../../../test/ui-mock'))

type RequestOptions = { url: string; method?: string }
type Reply = { statusCode: number; data: unknown }
const request = Taro.request as unknown as jest.Mock<Promise<Reply>, [RequestOptions]>

const member = { id: 'm_0123456789', nickname: '小思', needsConsent: false }
const program = { version: 1, brand: { name: '思域会员' } }
const invite: MyInvite = {
  inviteCode: 'AB12CD34',
  sharePath: '/pages/welcome/index?invite=AB12CD34',
  counts: { joined: 1, qualified: 1, rewarded: 1, unrewarded: 1, clawedBack: 0, rejected: 2 },
  qualifiedTotal: 3,
  nextMilestone: { qualified: 10, checkinMultiplier: 2, days: 30 },
  checkinBoost: null,
  rewards: { referrerPoints: 100, inviteePoints: 50, qualifyingFen: 5000, qualifyWithinDays: 30 },
}
const referrals: Referral[] = [
  { name: '王*', status: 'joined', unrewardedReason: null, rejectedReason: null, boundAt: '2026-11-30T16:30:00.000Z', qualifiedAt: null },
  { name: '李**', status: 'qualified', unrewardedReason: null, rejectedReason: null, boundAt: '2026-11-20T02:00:00.000Z', qualifiedAt: '2026-11-25T03:00:00.000Z' },
  { name: '微信用户', status: 'rewarded', unrewardedReason: null, rejectedReason: null, boundAt: '2026-11-01T02:00:00.000Z', qualifiedAt: '2026-11-02T03:00:00.000Z' },
  { name: '赵*', status: 'unrewarded', unrewardedReason: 'cap_day', rejectedReason: null, boundAt: '2026-10-01T02:00:00.000Z', qualifiedAt: null },
  { name: '孙*', status: 'rejected', unrewardedReason: null, rejectedReason: 'not_new', boundAt: '2026-09-01T02:00:00.000Z', qualifiedAt: null },
]

const ok = (data: unknown): Promise<Reply> => Promise.resolve({ statusCode: 200, data })
const failed = (): Promise<Reply> => Promise.resolve({ statusCode: 500, data: { error: { code: 'internal', message: 'boom' } } })

/** A fake API; `list` answers GET /v1/me/referrals for a given query. */
function serve(opts: { invite?: () => Promise<Reply>; list?: (query: URLSearchParams) => Promise<Reply> } = {}) {
  request.mockImplementation((o) => {
    const url = new URL(o.url, 'http://x')
    if (url.pathname === '/v1/me') return ok(member)
    if (url.pathname === '/v1/program') return ok(program)
    if (url.pathname === '/v1/me/invite') return (opts.invite ?? (() => ok(invite)))()
    if (url.pathname === '/v1/me/referrals') return (opts.list ?? (() => ok({ items: referrals, nextCursor: null })))(url.searchParams)
    return Promise.reject(new Error(`unexpected ${o.url}`))
  })
}

async function renderPage() {
  const view = render(<InvitePage />)
  await act(async () => {})
  return view
}

const text = (root: Element, selector: string) => root.querySelector(selector)?.textContent
const texts = (root: Element, selector: string) => Array.from(root.querySelectorAll(selector), (e) => e.textContent)
const listCalls = () => request.mock.calls.filter(([o]) => o.url.includes('/v1/me/referrals')).map(([o]) => o.url)

const originalEnv = process.env.TARO_ENV
beforeEach(() => {
  resetTaroMock()
  setCurrentPage('pages/invite/index')
  Taro.setStorageSync('siyu.token', 'tok')
  process.env.TARO_ENV = 'weapp'
})
afterEach(() => {
  process.env.TARO_ENV = originalEnv
})

describe('invite tab', () => {
  it('shows the code, the reward, progress to the next milestone and the counts by status', async () => {
    serve()
    const { container } = await renderPage()
    expect(text(container, '.invite-code')).toBe('AB12CD34')
    expect(text(container, '.invite-reward')).toBe('好友 30 天内完成首单满 50 元，你得 100 积分，好友得 50 积分')
    expect(text(container, '.invite-milestone-text')).toBe('再邀请 7 位好友完成首单，签到积分翻倍 30 天')
    expect(text(container, '.invite-milestone-count')).toBe('3/10')
    expect(container.querySelector<HTMLElement>('.invite-progress__bar')?.style.width).toBe('30%')
    expect(container.querySelector('.invite-boost')).toBeNull()
    expect(texts(container, '.invite-count')).toEqual(['1已加入', '1待生效', '1已到账', '1超上限', '0已扣回'])
  })

  it('lists invitees with masked names, status and date', async () => {
    serve()
    const { container } = await renderPage()
    expect(listCalls()).toEqual(['/v1/me/referrals?limit=20'])
    expect(texts(container, '.invite-row-name')).toEqual(['王*', '李**', '微信用户', '赵*', '孙*'])
    expect(texts(container, '.invite-row-status')).toEqual(['已加入', '已完成首单（奖励待生效）', '奖励已到账', '未获奖励（超过每日上限）', '未能加入（不是新会员）'])
    expect(texts(container, '.invite-row-date')).toEqual(['2026-12-01 加入', '2026-11-25 完成首单', '2026-11-02 完成首单', '2026-10-01 加入', '2026-09-01 接受邀请'])
    expect(text(container, '.invite-list-footer')).toBe('没有更多了')
  })

  it('weapp: shares the invite through WeChat (button and menu) with the share path', async () => {
    serve()
    const { container } = await renderPage()
    expect(container.querySelector('.invite-share')?.getAttribute('data-open-type')).toBe('share')
    expect(container.querySelector('.invite-copy')).toBeNull()
    expect(shareAppMessage()).toEqual({ title: '思域会员邀你加入，首单满 50 元得 50 积分', path: '/pages/welcome/index?invite=AB12CD34' })
  })

  it('h5: copies the invite link instead', async () => {
    process.env.TARO_ENV = 'h5'
    serve()
    const { container } = await renderPage()
    expect(container.querySelector('.invite-share')).toBeNull()
    await act(async () => {
      fireEvent.click(container.querySelector('.invite-copy')!)
    })
    expect(Taro.setClipboardData).toHaveBeenCalledWith({ data: `${window.location.origin}${window.location.pathname}#/pages/welcome/index?invite=AB12CD34` })
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '邀请链接已复制，发给好友吧' }))
  })

  it('shows a poster with the brand, the newcomer’s reward, the code and a QR code, and closes it', async () => {
    serve()
    const { container } = await renderPage()
    expect(container.querySelector('.invite-poster')).toBeNull()
    await act(async () => {
      fireEvent.click(container.querySelector('.invite-poster-open')!)
    })
    expect(text(container, '.invite-poster-brand')).toBe('思域会员')
    expect(text(container, '.invite-poster-reward')).toBe('新会员首单满 50 元，得 50 积分')
    expect(text(container, '.invite-poster-code')).toBe('AB12CD34')
    expect(container.querySelectorAll('.invite-poster-qr .scan-code__mark').length).toBeGreaterThan(20)
    expect(text(container, '.invite-poster-hint')).toContain('截屏保存海报')
    await act(async () => {
      fireEvent.click(container.querySelector('.invite-poster-close')!)
    })
    expect(container.querySelector('.invite-poster')).toBeNull()
  })

  it('says a boost is running until its day, and nothing of milestones once all are reached', async () => {
    serve({ invite: () => ok({ ...invite, nextMilestone: null, qualifiedTotal: 10, checkinBoost: { multiplier: 2, until: '2026-12-20T16:00:00.000Z' } }) })
    const { container } = await renderPage()
    expect(text(container, '.invite-boost')).toBe('签到积分翻倍中，有效期至 2026-12-21')
    expect(container.querySelector('.invite-milestone-text')).toBeNull()
  })

  it('explains the reward when nobody has joined yet', async () => {
    const none = { joined: 0, qualified: 0, rewarded: 0, unrewarded: 0, clawedBack: 0, rejected: 0 }
    serve({ invite: () => ok({ ...invite, counts: none, qualifiedTotal: 0 }), list: () => ok({ items: [], nextCursor: null }) })
    const { container } = await renderPage()
    expect(text(container, '.invite-empty .empty-state__title')).toBe('还没有好友加入')
    expect(text(container, '.invite-empty .empty-state__description')).toBe('好友 30 天内完成首单满 50 元，你得 100 积分，好友得 50 积分。')
    expect(container.querySelector('.invite-counts')).toBeNull()
    expect(text(container, '.invite-code')).toBe('AB12CD34')
  })

  it('shows a failed load with a retry that loads the page', async () => {
    let fail = true
    serve({ invite: () => (fail ? failed() : ok(invite)) })
    const { container } = await renderPage()
    expect(text(container, '.invite-error__text')).toBe('邀请信息加载失败：服务暂时不可用，请稍后重试')
    fail = false
    await act(async () => {
      fireEvent.click(container.querySelector('.invite-retry')!)
    })
    expect(text(container, '.invite-code')).toBe('AB12CD34')
  })

  it('shows a failed invitee list in place, with a retry', async () => {
    let fail = true
    serve({ list: () => (fail ? failed() : ok({ items: referrals, nextCursor: null })) })
    const { container } = await renderPage()
    expect(text(container, '.invite-code')).toBe('AB12CD34')
    expect(text(container, '.invite-list-error__text')).toBe('邀请记录加载失败：服务暂时不可用，请稍后重试')
    fail = false
    await act(async () => {
      fireEvent.click(container.querySelector('.invite-list-retry')!)
    })
    expect(container.querySelectorAll('.invite-row')).toHaveLength(5)
  })

  it('loads the next page of invitees at the bottom of the page', async () => {
    serve({ list: (q) => ok(q.get('cursor') ? { items: [{ ...referrals[0], name: '孙*', boundAt: '2026-09-01T02:00:00.000Z' }], nextCursor: null } : { items: referrals, nextCursor: 'INVITEE#4' }) })
    const { container } = await renderPage()
    expect(text(container, '.invite-list-footer')).toBe('上拉加载更多')
    await act(() => firePageEvent('reachBottom'))
    expect(listCalls().at(-1)).toBe('/v1/me/referrals?limit=20&cursor=INVITEE%234')
    expect(container.querySelectorAll('.invite-row')).toHaveLength(5)
  })

  it('pull-down refresh reloads the invite and the list, then stops the spinner', async () => {
    serve()
    await renderPage()
    request.mockClear()
    await act(() => firePageEvent('pullDownRefresh'))
    const paths = request.mock.calls.map(([o]) => new URL(o.url, 'http://x').pathname)
    expect(paths).toEqual(expect.arrayContaining(['/v1/me/invite', '/v1/me/referrals']))
    expect(Taro.stopPullDownRefresh).toHaveBeenCalledTimes(1)
  })
})
