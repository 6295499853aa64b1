import { act, fireEvent, render } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { firePageEvent, resetTaroMock, setCurrentPage } from '../../../test/taro-mock'
import { forgetProgram } from '@/store/program'
import HomePage from './index'

jest.mock('@/components/ui', () => require('../../../test/ui-mock'))

type RequestOptions = { url: string; method?: string }
type Reply = { statusCode: number; data: unknown }
const request = Taro.request as unknown as jest.Mock<Promise<Reply>, [RequestOptions]>

const program = {
  version: 1,
  brand: { name: '思域会员' },
  privacy: { policyVersion: '2026-11-01', policyUrl: '/pages/privacy/index' },
  checkin: { basePoints: 10, cycleDays: 7, bonuses: [{ day: 7, points: 30 }], makeup: { costPoints: 20, maxPerMonth: 2 } },
  memberCode: { stepSeconds: 30 },
  tiers: [{ code: 'base', name: '普通会员' }],
  earning: { pointsPerYuan: 1 },
  points: { expiryMonths: 12, returnWindowDays: 7, expiringSoonDays: 30 },
}
const member = { id: 'm_0123456789', nickname: '小思', needsConsent: false, roles: ['member'] }
const summary = (available: number) => ({ available, pending: 0, debt: 0, expiringSoon: null, lots: [], lifetime: { earned: available, spent: 0, expired: 0, reversed: 0 } })
const calendar = (streak: number, checkedInToday: boolean, nextIn: number) => ({
  month: '2026-11',
  today: '2026-11-25',
  checkedInToday,
  streak,
  nextBonus: { points: 30, inCheckins: nextIn, date: '2026-11-29' },
  days: [],
  makeupDates: [],
  makeup: { cost: 20, reward: 10, used: 0, max: 2 },
})
const myTier = (name: string) => ({ tier: { code: 'x', name }, growthFen: 0, window: { fromMonth: '2025-12', toMonth: '2026-11' }, next: null, keep: null, memberDayWeekday: 3, ladder: [], history: [] })
const result = { date: '2026-11-25', streak: 3, points: 10, bonus: 0, alreadyCheckedIn: false, makeup: false, cost: 0 }

const ok = (data: unknown): Promise<Reply> => Promise.resolve({ statusCode: 200, data })

/** A fake API whose check-in state flips when the member checks in. */
function serve(opts: { checkedIn?: boolean; result?: typeof result; calendarFails?: () => boolean; tier?: () => Promise<Reply>; notices?: object[] } = {}) {
  let checkedIn = opts.checkedIn ?? false
  request.mockImplementation((o) => {
    const path = new URL(o.url, 'http://x').pathname
    if (path === '/v1/me') return ok(member)
    if (path === '/v1/program') return ok({ ...program, notices: opts.notices ?? [] })
    if (path === '/v1/me/points') return ok(summary(checkedIn ? 30 : 20))
    if (path === '/v1/me/tier') return opts.tier ? opts.tier() : ok(myTier('普通会员'))
    if (path === '/v1/checkins' && o.method === 'POST') {
      checkedIn = true
      return ok(opts.result ?? result)
    }
    if (path === '/v1/checkins') {
      if (opts.calendarFails?.()) return Promise.resolve({ statusCode: 500, data: { error: { code: 'internal', message: 'boom' } } })
      return ok(checkedIn ? calendar(3, true, 4) : calendar(2, false, 5))
    }
    return Promise.reject(new Error(`unexpected ${o.method} ${o.url}`))
  })
}

async function renderPage() {
  const view = render(<HomePage />)
  await act(async () => {})
  return view
}

const text = (root: Element, selector: string) => root.querySelector(selector)?.textContent
const submit = (root: Element) => root.querySelector<HTMLButtonElement>('.home-checkin-submit')!
const lastToast = () => (Taro.showToast as jest.Mock).mock.calls.at(-1)?.[0]

beforeEach(() => {
  resetTaroMock()
  setCurrentPage('pages/index/index')
  Taro.setStorageSync('siyu.token', 'tok')
  forgetProgram()
})

describe('home check-in card', () => {
  it('shows the streak, the week strip, the next bonus and the tier before checking in', async () => {
    serve()
    const { container } = await renderPage()
    expect(text(container, '.home-tier__name')).toBe('普通会员')
    expect(text(container, '.home-checkin-streak')).toBe('已连续签到 2 天')
    expect(text(container, '.home-checkin-next')).toBe('再签 5 天可额外获得 30 积分')
    const days = Array.from(container.querySelectorAll('.checkin-day'))
    expect(days.map((d) => d.textContent)).toEqual(['+10已签', '+10已签', '+10第3天', '+10第4天', '+10第5天', '+10第6天', '+40第7天'])
    expect(days[2].className).toContain('checkin-day--next')
    expect(days[6].className).toContain('checkin-day--bonus')
    expect(submit(container).textContent).toBe('签到')
    expect(submit(container).disabled).toBe(false)
  })

  it('checks in, toasts the reward, then refreshes the card and the balance', async () => {
    serve()
    const { container } = await renderPage()
    expect(text(container, '.home-points__available')).toBe('20')
    await act(async () => {
      fireEvent.click(submit(container))
    })
    expect(request.mock.calls.filter(([o]) => o.method === 'POST' && o.url.endsWith('/v1/checkins'))).toHaveLength(1)
    expect(lastToast()).toMatchObject({ title: '签到成功 +10 积分', icon: 'none' })
    expect(text(container, '.home-checkin-streak')).toBe('已连续签到 3 天')
    expect(text(container, '.home-points__available')).toBe('30')
    expect(submit(container).textContent).toBe('今日已签到')
    expect(submit(container).disabled).toBe(true)
    expect(container.querySelectorAll('.checkin-day--checked')).toHaveLength(3)
  })

  it('names the streak bonus in the toast', async () => {
    serve({ result: { ...result, streak: 7, points: 40, bonus: 30 } })
    const { container } = await renderPage()
    await act(async () => {
      fireEvent.click(submit(container))
    })
    expect(lastToast()?.title).toBe('签到成功 +40 积分（含连签奖励 30）')
  })

  it('offers no second check-in on a day already checked in', async () => {
    serve({ checkedIn: true })
    const { container } = await renderPage()
    expect(submit(container).textContent).toBe('今日已签到')
    expect(submit(container).disabled).toBe(true)
    expect(container.querySelector('.checkin-day--next')).toBeNull()
  })

  it('shows a failed load in the card with a retry', async () => {
    let fail = true
    serve({ calendarFails: () => fail })
    const { container } = await renderPage()
    expect(text(container, '.home-checkin__error')).toContain('签到信息暂时无法加载：服务暂时不可用，请稍后重试')
    expect(container.querySelector('.home-checkin-submit')).toBeNull()
    fail = false
    await act(async () => {
      fireEvent.click(container.querySelector('.home-checkin-retry')!)
    })
    expect(text(container, '.home-checkin-streak')).toBe('已连续签到 2 天')
  })

  it('pull-down refresh reloads the card and the balance, then stops the spinner', async () => {
    serve()
    await renderPage()
    request.mockClear()
    await act(() => firePageEvent('pullDownRefresh'))
    const paths = request.mock.calls.map(([o]) => new URL(o.url, 'http://x').pathname)
    expect(paths).toEqual(expect.arrayContaining(['/v1/checkins', '/v1/me/points', '/v1/me', '/v1/me/tier']))
    expect(Taro.stopPullDownRefresh).toHaveBeenCalledTimes(1)
  })

  it('links to the calendar and the member code', async () => {
    serve()
    const { container } = await renderPage()
    fireEvent.click(container.querySelector('.home-checkin-calendar')!)
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/checkin/index' })
    fireEvent.click(container.querySelector('.home-member-code')!)
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/member-code/index' })
  })
})

describe('home tier badge', () => {
  it('shows the member’s tier from the API and opens the 会员等级 page', async () => {
    serve({ tier: () => ok(myTier('银卡会员')) })
    const { container } = await renderPage()
    expect(text(container, '.home-tier__name')).toBe('银卡会员')
    fireEvent.click(container.querySelector('.home-tier')!)
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/tier/index' })
  })

  it('leaves the badge out while the tier loads, and shows the rest of the page', async () => {
    serve({ tier: () => new Promise<Reply>(() => {}) })
    const { container } = await renderPage()
    expect(container.querySelector('.home-tier')).toBeNull()
    expect(text(container, '.home-points__available')).toBe('20')
  })

  it('leaves the badge out, with no toast, when the tier cannot be loaded', async () => {
    serve({ tier: () => Promise.resolve({ statusCode: 500, data: { error: { code: 'internal', message: 'boom' } } }) })
    const { container } = await renderPage()
    expect(container.querySelector('.home-tier')).toBeNull()
    expect(text(container, '.home-checkin-streak')).toBe('已连续签到 2 天')
    expect(Taro.showToast).not.toHaveBeenCalled()
  })
})

describe('home rules notice', () => {
  const notice = (id: string, text = '下月起每消费 1 元积 2 分') => ({
    id, effectiveOn: '2027-01-05', notice: text,
    changes: [{ path: 'earning.pointsPerYuan', label: '积分规则 › 每消费 1 元积分', before: '1 积分', after: '2 积分' }],
  })

  it('announces a rule change before it applies and shows its changes when tapped', async () => {
    serve({ notices: [notice('rc_0123456789ab')] })
    const { container } = await renderPage()
    expect(text(container, '.home-rules-notice__text')).toBe('规则变更公告：自 2027-01-05 起 下月起每消费 1 元积 2 分')
    fireEvent.click(container.querySelector('.home-rules-notice')!)
    expect(Taro.showModal).toHaveBeenLastCalledWith(expect.objectContaining({
      title: '规则变更公告',
      content: '下月起每消费 1 元积 2 分\n生效日期：2027-01-05\n积分规则 › 每消费 1 元积分：1 积分 → 2 积分',
    }))
  })

  it('does not repeat the date when the notice names it', async () => {
    serve({ notices: [notice('rc_0123456789ab', '自 2027-01-05 起，会员规则调整：积分翻倍。')] })
    const { container } = await renderPage()
    expect(text(container, '.home-rules-notice__text')).toBe('规则变更公告：自 2027-01-05 起，会员规则调整：积分翻倍。')
  })

  it('stays dismissed, until another notice arrives', async () => {
    serve({ notices: [notice('rc_0123456789ab')] })
    const first = await renderPage()
    fireEvent.click(first.container.querySelector('.home-rules-notice__close')!)
    expect(first.container.querySelector('.home-rules-notice')).toBeNull()
    expect(Taro.showModal).not.toHaveBeenCalled()
    first.unmount()

    const again = await renderPage()
    expect(again.container.querySelector('.home-rules-notice')).toBeNull()
    again.unmount()

    // The next app run reads the rules again.
    forgetProgram()
    serve({ notices: [notice('rc_0123456789ab'), notice('rc_0123456789cd', '银卡门槛调整为 800 元')] })
    const view = await renderPage()
    expect(Array.from(view.container.querySelectorAll('.home-rules-notice__text'), (e) => e.textContent)).toEqual(['规则变更公告：自 2027-01-05 起 银卡门槛调整为 800 元'])
    expect(Taro.getStorageSync('siyu.dismissedNotices')).toEqual(['rc_0123456789ab'])
  })
})
