import { act, renderHook } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { PointsEntry } from '@siyu/shared/schemas/points'
import { resetTaroMock } from '../../../test/taro-mock'
import { usePointsHistory } from './use-points-history'

type RequestOptions = { url: string; method?: string }
type Reply = { statusCode: number; data: unknown }
const request = Taro.request as unknown as jest.Mock<Promise<Reply>, [RequestOptions]>

const entry = (n: number, code: PointsEntry['code'] = 'checkin'): PointsEntry => ({
  id: `e${n}`, code, points: 10, balanceAfter: 100 + n, pendingAfter: 0, debtAfter: 0, ref: `r${n}`, at: '2026-11-23T06:05:00.000Z',
})
const page = (items: PointsEntry[], nextCursor: string | null): Reply => ({ statusCode: 200, data: { items, nextCursor } })
const failure: Reply = { statusCode: 500, data: { error: { code: 'internal', message: 'boom' } } }

/** The query of each history request, e.g. { limit: '20', code: 'checkin' }. */
const queries = () => request.mock.calls.map(([o]) => Object.fromEntries(new URL(o.url, 'http://x').searchParams))

/** A request that answers only when the test says so. */
function deferred() {
  let resolve!: (reply: Reply) => void
  const promise = new Promise<Reply>((r) => (resolve = r))
  return { promise, resolve }
}

async function renderHistory() {
  const view = renderHook(() => usePointsHistory())
  await act(async () => {})
  return view
}

beforeEach(() => {
  resetTaroMock()
  Taro.setStorageSync('siyu.token', 'tok')
})

describe('usePointsHistory', () => {
  it('loads the first page of all entries, 20 at a time', async () => {
    request.mockResolvedValueOnce(page([entry(1), entry(2)], null))
    const { result } = await renderHistory()
    expect(request.mock.calls[0][0].url).toBe('/v1/me/points/history?limit=20')
    expect(result.current).toMatchObject({ status: 'ready', filter: 'all', nextCursor: null })
    expect(result.current.items.map((e) => e.id)).toEqual(['e1', 'e2'])
  })

  it('appends the next page with the cursor and stops when there is none', async () => {
    request.mockResolvedValueOnce(page([entry(1), entry(2)], '0000000002')).mockResolvedValueOnce(page([entry(2), entry(3)], null))
    const { result } = await renderHistory()
    await act(() => result.current.loadMore())
    expect(queries()[1]).toEqual({ limit: '20', cursor: '0000000002' })
    expect(result.current.items.map((e) => e.id)).toEqual(['e1', 'e2', 'e3']) // the overlapping row is shown once
    expect(result.current.nextCursor).toBeNull()
    await act(() => result.current.loadMore())
    expect(request).toHaveBeenCalledTimes(2)
  })

  it('asks for one page at a time however often the bottom is reached', async () => {
    request.mockResolvedValueOnce(page([entry(1)], '0000000001'))
    const { result } = await renderHistory()
    const next = deferred()
    request.mockImplementationOnce(() => next.promise)
    await act(async () => {
      void result.current.loadMore()
      void result.current.loadMore()
    })
    expect(result.current.loadingMore).toBe(true)
    await act(async () => next.resolve(page([entry(2)], null)))
    expect(request).toHaveBeenCalledTimes(2)
    expect(result.current.loadingMore).toBe(false)
  })

  it('filters by one code, starting again from the first page', async () => {
    request.mockResolvedValueOnce(page([entry(1)], '0000000001')).mockResolvedValueOnce(page([entry(5, 'checkin')], null))
    const { result } = await renderHistory()
    await act(async () => result.current.setFilter('checkin'))
    expect(queries()[1]).toEqual({ limit: '20', code: 'checkin' })
    expect(result.current).toMatchObject({ filter: 'checkin', status: 'ready', nextCursor: null })
    expect(result.current.items.map((e) => e.id)).toEqual(['e5'])
  })

  it('drops the answer for a filter the member has already left', async () => {
    request.mockResolvedValueOnce(page([entry(1)], null))
    const { result } = await renderHistory()
    const slow = deferred()
    request.mockImplementationOnce(() => slow.promise).mockResolvedValueOnce(page([entry(9, 'expiry')], null))
    await act(async () => result.current.setFilter('checkin'))
    expect(result.current).toMatchObject({ status: 'loading', items: [] })
    await act(async () => result.current.setFilter('expiry'))
    await act(async () => slow.resolve(page([entry(5)], null)))
    expect(result.current.filter).toBe('expiry')
    expect(result.current.items.map((e) => e.id)).toEqual(['e9'])
  })

  it('reports a failed first page as an error state, and retries on refresh', async () => {
    request.mockResolvedValueOnce(failure).mockResolvedValueOnce(page([entry(1)], null))
    const { result } = await renderHistory()
    expect(result.current).toMatchObject({ status: 'error', items: [] })
    expect(result.current.error?.message).toBe('boom')
    await act(() => result.current.refresh())
    expect(result.current.status).toBe('ready')
    expect(result.current.items).toHaveLength(1)
  })

  it('keeps the rows when loading more fails, and can try again', async () => {
    request.mockResolvedValueOnce(page([entry(1)], '0000000001')).mockResolvedValueOnce(failure).mockResolvedValueOnce(page([entry(2)], null))
    const { result } = await renderHistory()
    await act(() => result.current.loadMore())
    expect(result.current.moreError).toBeDefined()
    expect(result.current.items).toHaveLength(1)
    await act(() => result.current.loadMore())
    expect(result.current.moreError).toBeUndefined()
    expect(result.current.items.map((e) => e.id)).toEqual(['e1', 'e2'])
  })

  it('refresh keeps the rows on screen and replaces them with the newest page', async () => {
    request.mockResolvedValueOnce(page([entry(1)], null))
    const { result } = await renderHistory()
    const fresh = deferred()
    request.mockImplementationOnce(() => fresh.promise)
    let refreshed!: Promise<void>
    await act(async () => void (refreshed = result.current.refresh()))
    expect(result.current).toMatchObject({ status: 'ready', items: [entry(1)] })
    await act(async () => {
      fresh.resolve(page([entry(7), entry(1)], null))
      await refreshed
    })
    expect(result.current.items.map((e) => e.id)).toEqual(['e7', 'e1'])
  })

  it('a failed refresh keeps the rows and says so in a toast', async () => {
    request.mockResolvedValueOnce(page([entry(1)], null)).mockRejectedValueOnce(new TypeError('offline'))
    const { result } = await renderHistory()
    await act(() => result.current.refresh())
    expect(result.current).toMatchObject({ status: 'ready', items: [entry(1)] })
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '网络异常，请稍后重试' }))
  })
})
