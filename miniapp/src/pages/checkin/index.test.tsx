import { act, fireEvent, render } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { resetTaroMock, setCurrentPage } from '../../../test/taro-mock'
import CheckinCalendarPage from './index'

jest.mock('@/components/ui', () => require('../../../test/ui-mock'))

type RequestOptions = { url: string; method?: string; data?: unknown }
type Reply = { statusCode: number; data: unknown }
const request = Taro.request as unknown as jest.Mock<Promise<Reply>, [RequestOptions]>

const program = {
  version: 1,
  brand: { name: '思域会员' },
  checkin: { basePoints: 10, cycleDays: 7, bonuses: [{ day: 7, points: 30 }], makeup: { costPoints: 20, maxPerMonth: 2 } },
  earning: { pointsPerYuan: 1 },
  points: { expiryMonths: 12, returnWindowDays: 7, expiringSoonDays: 30 },
}
const november = {
  month: '2026-11',
  today: '2026-11-25',
  checkedInToday: true,
  streak: 3,
  nextBonus: { points: 30, inCheckins: 4, date: '2026-11-29' },
  days: [
    { date: '2026-11-02', points: 10, bonus: 0, makeup: true },
    { date: '2026-11-23', points: 10, bonus: 0, makeup: false },
    { date: '2026-11-24', points: 10, bonus: 0, makeup: false },
    { date: '2026-11-25', points: 10, bonus: 0, makeup: false },
  ],
  makeupDates: ['2026-11-21', '2026-11-22'],
  makeup: { cost: 20, reward: 10, used: 1, max: 2 },
}
const october = { ...november, month: '2026-10', days: [{ date: '2026-10-07', points: 40, bonus: 30, makeup: false }], makeupDates: [] }
const madeUp = { date: '2026-11-22', streak: 4, points: 10, bonus: 0, alreadyCheckedIn: false, makeup: true, cost: 20 }

const ok = (data: unknown): Promise<Reply> => Promise.resolve({ statusCode: 200, data })
const refuse = (statusCode: number, code: string, message?: string): Promise<Reply> => Promise.resolve({ statusCode, data: { error: { code, message } } })

function serve(makeup: () => Promise<Reply> = () => ok(madeUp)) {
  request.mockImplementation((o) => {
    const url = new URL(o.url, 'http://x')
    if (url.pathname === '/v1/program') return ok(program)
    if (url.pathname === '/v1/checkins/makeup') return makeup()
    if (url.pathname === '/v1/checkins') return ok(url.searchParams.get('month') === '2026-10' ? october : november)
    return Promise.reject(new Error(`unexpected ${o.url}`))
  })
}

async function renderPage() {
  const view = render(<CheckinCalendarPage />)
  await act(async () => {})
  return view
}

const cell = (root: Element, day: number) => Array.from(root.querySelectorAll('.checkin-cell')).find((c) => c.querySelector('.checkin-cell__day')?.textContent === String(day))!
const makeupCalls = () => request.mock.calls.filter(([o]) => o.url.endsWith('/v1/checkins/makeup'))
const lastToast = () => (Taro.showToast as jest.Mock).mock.calls.at(-1)?.[0]

async function tap(el: Element) {
  await act(async () => {
    fireEvent.click(el)
  })
}

beforeEach(() => {
  resetTaroMock()
  setCurrentPage('pages/checkin/index')
  Taro.setStorageSync('siyu.token', 'tok')
})

describe('check-in calendar', () => {
  it('shows the month with checked, made-up and make-up-able days, the streak and the next bonus', async () => {
    serve()
    const { container } = await renderPage()
    expect(container.querySelector('.checkin-month')?.textContent).toBe('2026年11月')
    expect(container.querySelector('.checkin-streak')?.textContent).toBe('已连续签到 3 天')
    expect(container.querySelector('.checkin-next')?.textContent).toBe('再签 4 天可额外获得 30 积分')
    expect(cell(container, 2).className).toContain('checkin-cell--makeup')
    expect(cell(container, 2).textContent).toBe('2补')
    expect(cell(container, 23).className).toContain('checkin-cell--checked')
    expect(cell(container, 22).className).toContain('checkin-cell--makeup-able')
    expect(container.querySelector('.checkin-makeup-hint')?.textContent).toContain('本月已补签 1/2 次')
  })

  it('confirms a make-up with its cost, reward and what is left, then makes it up', async () => {
    serve()
    const { container } = await renderPage()
    await tap(cell(container, 22))
    expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ content: '补签将消耗 20 积分，获得 10 积分，本月还可补签 1 次' }))
    expect(makeupCalls().map(([o]) => o.data)).toEqual([{ date: '2026-11-22' }])
    expect(lastToast()?.title).toBe('补签成功 +10 积分')
  })

  it('sends nothing when the member cancels, and ignores days that cannot be made up', async () => {
    serve()
    const { container } = await renderPage()
    ;(Taro.showModal as jest.Mock).mockResolvedValueOnce({ confirm: false, cancel: true })
    await tap(cell(container, 22))
    await tap(cell(container, 20))
    expect(Taro.showModal).toHaveBeenCalledTimes(1)
    expect(makeupCalls()).toHaveLength(0)
  })

  it.each([
    [409, 'points.insufficient', undefined, '可用积分不足'],
    [409, 'points.insufficient', '积分不足：可用 5，需要 20', '积分不足：可用 5，需要 20'],
    [422, 'checkin.makeup_limit', undefined, '本月补签次数已用完'],
    [422, 'checkin.makeup_not_allowed', undefined, '这一天不能补签'],
    [422, 'checkin.makeup_not_allowed', '不能补签成为会员之前的日期', '不能补签成为会员之前的日期'],
    [409, 'checkin.already_checked_in', undefined, '这一天已经签到过了'],
  ])('explains a refused make-up (%i %s, server message %j) in Chinese', async (status, code, serverMessage, message) => {
    serve(() => refuse(status, code, serverMessage))
    const { container } = await renderPage()
    await tap(cell(container, 21))
    expect(lastToast()).toMatchObject({ title: message, icon: 'none' })
  })

  it('goes back a month and not beyond the current one', async () => {
    serve()
    const { container } = await renderPage()
    const calls = () => request.mock.calls.filter(([o]) => new URL(o.url, 'http://x').pathname === '/v1/checkins').length
    const before = calls()
    await tap(container.querySelector('.checkin-next-month')!)
    expect(calls()).toBe(before) // already this month
    await tap(container.querySelector('.checkin-prev')!)
    expect(request.mock.calls.at(-1)?.[0].url).toBe('/v1/checkins?month=2026-10')
    expect(container.querySelector('.checkin-month')?.textContent).toBe('2026年10月')
    expect(cell(container, 7).className).toContain('checkin-cell--bonus')
    expect(container.querySelector('.checkin-cell--makeup-able')).toBeNull()
    expect(container.querySelector('.checkin-makeup-hint')).toBeNull()
    await tap(container.querySelector('.checkin-next-month')!)
    expect(container.querySelector('.checkin-month')?.textContent).toBe('2026年11月')
  })
})
