import { act, fireEvent, render } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { PointsEntry } from '@siyu/shared/schemas/points'
import { firePageEvent, resetTaroMock, setCurrentPage } from '../../../test/taro-mock'
import PointsPage from './index'

jest.mock('@/components/ui', () => require('../../../test/ui-mock'))

type RequestOptions = { url: string; method?: string }
type Reply = { statusCode: number; data: unknown }
const request = Taro.request as unknown as jest.Mock<Promise<Reply>, [RequestOptions]>

const summary = {
  available: 370, pending: 128, debt: 0,
  expiringSoon: { month: '2026-11', points: 250, lastDay: '2026-11-30' },
  lots: [{ month: '2026-11', points: 250, lastDay: '2026-11-30' }],
  lifetime: { earned: 640, spent: 50, expired: 0, reversed: 0 },
}
const notice = {
  id: 'rc_0123456789ab', effectiveOn: '2027-01-05', notice: '下月起积分有效期调整为 24 个月',
  changes: [{ path: 'points.expiryMonths', label: '积分规则 › 有效期', before: '12 个月', after: '24 个月' }],
}
const program = {
  version: 1, brand: { name: '思域会员' }, checkin: { basePoints: 10 }, earning: { pointsPerYuan: 1 }, points: { expiryMonths: 12, returnWindowDays: 7, expiringSoonDays: 30 }, notices: [notice],
}
const at = '2026-11-23T06:05:00.000Z'
const entries: PointsEntry[] = [
  { id: 'e4', code: 'purchase', points: 128, balanceAfter: 370, pendingAfter: 128, debtAfter: 0, ref: 'o1', at },
  { id: 'e3', code: 'coupon_exchange', points: -50, balanceAfter: 370, pendingAfter: 0, debtAfter: 0, ref: 'c1', at },
  { id: 'e2', code: 'purchase_activation', points: 0, balanceAfter: 420, pendingAfter: 0, debtAfter: 0, ref: 'o0', at },
  { id: 'e1', code: 'adjustment', points: 20, balanceAfter: 20, pendingAfter: 0, debtAfter: 0, ref: 'a1', note: '补发活动积分', at },
]

const ok = (data: unknown): Promise<Reply> => Promise.resolve({ statusCode: 200, data })
const failed = (): Promise<Reply> => Promise.resolve({ statusCode: 500, data: { error: { code: 'internal', message: 'boom' } } })

/** A fake API; `history` answers the history route for a given query. */
function serve(opts: { points?: () => Promise<Reply>; history?: (query: URLSearchParams) => Promise<Reply> } = {}) {
  request.mockImplementation((o) => {
    const url = new URL(o.url, 'http://x')
    if (url.pathname === '/v1/program') return ok(program)
    if (url.pathname === '/v1/me/points') return (opts.points ?? (() => ok(summary)))()
    if (url.pathname === '/v1/me/points/history') return (opts.history ?? (() => ok({ items: entries, nextCursor: null })))(url.searchParams)
    return Promise.reject(new Error(`unexpected ${o.url}`))
  })
}

async function renderPage() {
  const view = render(<PointsPage />)
  await act(async () => {})
  return view
}

const texts = (root: Element, selector: string) => Array.from(root.querySelectorAll(selector), (e) => e.textContent)
const historyCalls = () => request.mock.calls.filter(([o]) => o.url.includes('/history')).map(([o]) => o.url)

beforeEach(() => {
  resetTaroMock()
  setCurrentPage('pages/points/index')
  Taro.setStorageSync('siyu.token', 'tok')
})

describe('points page', () => {
  it('shows announced rule changes as a line that opens the details', async () => {
    serve()
    const { container } = await renderPage()
    expect(container.querySelector('.points-rules-notice')?.textContent).toBe('规则变更公告：自 2027-01-05 起 下月起积分有效期调整为 24 个月')
    expect(container.querySelector('.points-rules-notice__close')).toBeNull()
    fireEvent.click(container.querySelector('.points-rules-notice')!)
    expect(Taro.showModal).toHaveBeenLastCalledWith(expect.objectContaining({ content: expect.stringContaining('积分规则 › 有效期：12 个月 → 24 个月') }))
  })

  it('shows the balance, pending points, the expiring lot and lifetime figures', async () => {
    serve()
    const { container } = await renderPage()
    expect(container.querySelector('.points-available')?.textContent).toBe('370')
    expect(container.querySelector('.points-pending')?.textContent).toBe('待生效 128')
    expect(container.querySelector('.points-expiring')?.textContent).toContain('250 积分将于 2026-11-30 过期')
    expect(container.querySelector('.points-lifetime--earned')?.textContent).toBe('640累计获得')
    expect(container.querySelector('.points-debt')).toBeNull()
  })

  it('explains owed points, and hides pending and the banner when there are none', async () => {
    serve({ points: () => ok({ ...summary, pending: 0, debt: 30, expiringSoon: null }) })
    const { container } = await renderPage()
    expect(container.querySelector('.points-debt')?.textContent).toBe('欠扣 30')
    expect(container.querySelector('.points-debt-hint')?.textContent).toBe('退货扣回超出可用积分的部分，将从后续获得的积分中抵扣')
    expect(container.querySelector('.points-pending')).toBeNull()
    expect(container.querySelector('.points-expiring')).toBeNull()
  })

  it('lists entries with labels, signed amounts in Shanghai time', async () => {
    serve()
    const { container } = await renderPage()
    expect(texts(container, '.points-entry-label')).toEqual(['消费积分（待生效）', '积分兑券', '待生效积分到账', '人工调整'])
    expect(texts(container, '.points-entry-amount')).toEqual(['+128', '-50', '待生效积分已到账', '+20'])
    expect(container.querySelector('.points-entry-amount--minus')?.textContent).toBe('-50')
    expect(container.querySelector('.points-entry-note')?.textContent).toBe('补发活动积分')
    expect(container.querySelector('.points-entry-time')?.textContent).toBe('2026-11-23 14:05')
    expect(container.querySelector('.points-history-footer')?.textContent).toBe('没有更多了')
  })

  it('filters by the tapped chip', async () => {
    serve({ history: (q) => ok({ items: q.get('code') === 'checkin' ? [{ ...entries[0], id: 'c1', code: 'checkin', points: 10 }] : entries, nextCursor: null }) })
    const { container } = await renderPage()
    await act(async () => {
      fireEvent.click(container.querySelector('.points-filter--checkin')!)
    })
    expect(historyCalls().at(-1)).toBe('/v1/me/points/history?limit=20&code=checkin')
    expect(container.querySelector('.points-filter--checkin')?.className).toContain('points-filter--active')
    expect(texts(container, '.points-entry-label')).toEqual(['签到奖励'])
  })

  it('says so when there is no history', async () => {
    serve({ history: () => ok({ items: [], nextCursor: null }) })
    const { container } = await renderPage()
    expect(container.querySelector('.points-history-empty')?.textContent).toContain('暂无积分记录')
    expect(container.querySelector('.points-entry')).toBeNull()
  })

  it('shows a failed history with a retry that loads it', async () => {
    let fail = true
    serve({ history: () => (fail ? failed() : ok({ items: entries, nextCursor: null })) })
    const { container } = await renderPage()
    expect(container.querySelector('.points-history-error')?.textContent).toContain('服务暂时不可用，请稍后重试')
    fail = false
    await act(async () => {
      fireEvent.click(container.querySelector('.points-history-retry')!)
    })
    expect(container.querySelector('.points-history-error')).toBeNull()
    expect(container.querySelectorAll('.points-entry')).toHaveLength(4)
  })

  it('shows a failed balance with a retry', async () => {
    let fail = true
    serve({ points: () => (fail ? failed() : ok(summary)) })
    const { container } = await renderPage()
    expect(container.querySelector('.points-summary-error')?.textContent).toContain('积分加载失败')
    fail = false
    await act(async () => {
      fireEvent.click(container.querySelector('.points-summary-retry')!)
    })
    expect(container.querySelector('.points-available')?.textContent).toBe('370')
  })

  it('loads the next page at the bottom of the page', async () => {
    serve({ history: (q) => ok(q.get('cursor') ? { items: [{ ...entries[0], id: 'e0', code: 'checkin' }], nextCursor: null } : { items: entries, nextCursor: '0000000004' }) })
    const { container } = await renderPage()
    expect(container.querySelector('.points-history-footer')?.textContent).toBe('上拉加载更多')
    await act(() => firePageEvent('reachBottom'))
    expect(historyCalls().at(-1)).toBe('/v1/me/points/history?limit=20&cursor=0000000004')
    expect(container.querySelectorAll('.points-entry')).toHaveLength(5)
    expect(container.querySelector('.points-history-footer')?.textContent).toBe('没有更多了')
  })

  it('pull-down refresh reloads balance and history, then stops the spinner', async () => {
    serve()
    await renderPage()
    request.mockClear()
    await act(() => firePageEvent('pullDownRefresh'))
    const paths = request.mock.calls.map(([o]) => new URL(o.url, 'http://x').pathname)
    expect(paths).toEqual(expect.arrayContaining(['/v1/me/points', '/v1/me/points/history']))
    expect(Taro.stopPullDownRefresh).toHaveBeenCalledTimes(1)
  })
})
