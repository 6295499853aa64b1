import { act, renderHook } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { ApiError, messageFor } from '@/api/errors'
import { resetTaroMock } from '../../test/taro-mock'
import { appendNew, useCursorPages, type CursorPage } from './use-cursor-pages'

type Row = { id: string; key: string }
type Fetch = jest.Mock<Promise<CursorPage<Row>>, [string, string | null]>

const row = (n: number, key = 'a'): Row => ({ id: `r${n}`, key })
const page = (rows: Row[], nextCursor: string | null = null): CursorPage<Row> => ({ items: rows, nextCursor })
const ids = (rows: Row[]) => rows.map((r) => r.id)
const boom = new ApiError('internal', 'boom', 500)

/** A page that arrives only when the test says so. */
function deferred() {
  let resolve!: (page: CursorPage<Row>) => void
  const promise = new Promise<CursorPage<Row>>((r) => (resolve = r))
  return { promise, resolve }
}

async function renderPages(fetchPage: Fetch, lazy = false) {
  const view = renderHook(() => useCursorPages({ initialKey: 'a', fetchPage, idOf: (r: Row) => r.id, lazy }))
  await act(async () => {})
  return view
}

beforeEach(() => resetTaroMock())

describe('useCursorPages', () => {
  it('loads the first page of the initial key on mount', async () => {
    const fetchPage: Fetch = jest.fn().mockResolvedValueOnce(page([row(1), row(2)], 'c2'))
    const { result } = await renderPages(fetchPage)
    expect(fetchPage).toHaveBeenCalledWith('a', null)
    expect(result.current).toMatchObject({ key: 'a', status: 'ready', nextCursor: 'c2', loadingMore: false })
    expect(ids(result.current.items)).toEqual(['r1', 'r2'])
  })

  it('appends the next page by cursor, showing an overlapping row once, and stops at the end', async () => {
    const fetchPage: Fetch = jest.fn().mockResolvedValueOnce(page([row(1), row(2)], 'c2')).mockResolvedValueOnce(page([row(2), row(3)]))
    const { result } = await renderPages(fetchPage)
    await act(() => result.current.loadMore())
    expect(fetchPage).toHaveBeenLastCalledWith('a', 'c2')
    expect(ids(result.current.items)).toEqual(['r1', 'r2', 'r3'])
    await act(() => result.current.loadMore())
    expect(fetchPage).toHaveBeenCalledTimes(2)
  })

  it('asks for one next page at a time', async () => {
    const more = deferred()
    const fetchPage: Fetch = jest.fn().mockResolvedValueOnce(page([row(1)], 'c1')).mockReturnValueOnce(more.promise)
    const { result } = await renderPages(fetchPage)
    await act(async () => {
      void result.current.loadMore()
      void result.current.loadMore()
    })
    expect(result.current.loadingMore).toBe(true)
    await act(async () => more.resolve(page([row(2)])))
    expect(fetchPage).toHaveBeenCalledTimes(2)
    expect(result.current.loadingMore).toBe(false)
  })

  it('drops the answer for a key already left', async () => {
    const slow = deferred()
    const fetchPage: Fetch = jest.fn((key: string, _cursor: string | null) => (key === 'b' ? slow.promise : Promise.resolve(page([row(9, key)]))))
    const { result } = await renderPages(fetchPage)
    await act(async () => result.current.setKey('b'))
    expect(result.current).toMatchObject({ key: 'b', status: 'loading', items: [] })
    await act(async () => result.current.setKey('c'))
    await act(async () => slow.resolve(page([row(5, 'b')])))
    expect(result.current.key).toBe('c')
    expect(result.current.items).toEqual([row(9, 'c')])
  })

  it('drops a next page that arrives after the key changed', async () => {
    const more = deferred()
    const fetchPage: Fetch = jest.fn((key: string, cursor: string | null) => (cursor ? more.promise : Promise.resolve(page([row(1, key)], 'c1'))))
    const { result } = await renderPages(fetchPage)
    await act(async () => void result.current.loadMore())
    await act(async () => result.current.setKey('b'))
    await act(async () => more.resolve(page([row(2)])))
    expect(result.current.items).toEqual([row(1, 'b')])
  })

  it('does nothing when the key shown is chosen again', async () => {
    const fetchPage: Fetch = jest.fn().mockResolvedValue(page([row(1)]))
    const { result } = await renderPages(fetchPage)
    await act(async () => result.current.setKey('a'))
    expect(fetchPage).toHaveBeenCalledTimes(1)
  })

  it('refresh keeps the rows on screen until the newest page replaces them', async () => {
    const fresh = deferred()
    const fetchPage: Fetch = jest.fn().mockResolvedValueOnce(page([row(1)])).mockReturnValueOnce(fresh.promise)
    const { result } = await renderPages(fetchPage)
    let refreshed!: Promise<void>
    await act(async () => void (refreshed = result.current.refresh()))
    expect(result.current).toMatchObject({ status: 'ready', items: [row(1)] })
    await act(async () => {
      fresh.resolve(page([row(7), row(1)]))
      await refreshed
    })
    expect(ids(result.current.items)).toEqual(['r7', 'r1'])
  })

  it('a failed refresh keeps the rows and says so in a toast', async () => {
    const fetchPage: Fetch = jest.fn().mockResolvedValueOnce(page([row(1)])).mockRejectedValueOnce(boom)
    const { result } = await renderPages(fetchPage)
    await act(() => result.current.refresh())
    expect(result.current).toMatchObject({ status: 'ready', items: [row(1)], error: undefined })
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: messageFor(boom) }))
  })

  it('a failed first page is an error state, without a toast, and refresh tries again', async () => {
    const fetchPage: Fetch = jest.fn().mockRejectedValueOnce(boom).mockResolvedValueOnce(page([row(1)]))
    const { result } = await renderPages(fetchPage)
    expect(result.current).toMatchObject({ status: 'error', error: boom, items: [] })
    expect(Taro.showToast).not.toHaveBeenCalled()
    await act(() => result.current.refresh())
    expect(result.current).toMatchObject({ status: 'ready', error: undefined, items: [row(1)] })
  })

  it('keeps the rows when a next page fails, and a retry appends it', async () => {
    const fetchPage: Fetch = jest.fn().mockResolvedValueOnce(page([row(1)], 'c1')).mockRejectedValueOnce(boom).mockResolvedValueOnce(page([row(2)]))
    const { result } = await renderPages(fetchPage)
    await act(() => result.current.loadMore())
    expect(result.current).toMatchObject({ status: 'ready', moreError: boom, loadingMore: false, items: [row(1)], nextCursor: 'c1' })
    await act(() => result.current.loadMore())
    expect(fetchPage).toHaveBeenLastCalledWith('a', 'c1')
    expect(result.current.moreError).toBeUndefined()
    expect(ids(result.current.items)).toEqual(['r1', 'r2'])
  })

  it('a lazy list stays idle until opened; opening again refreshes it', async () => {
    const fresh = deferred()
    const fetchPage: Fetch = jest.fn().mockResolvedValueOnce(page([row(1)])).mockReturnValueOnce(fresh.promise)
    const { result } = await renderPages(fetchPage, true)
    expect(result.current.status).toBe('idle')
    expect(fetchPage).not.toHaveBeenCalled()
    await act(() => result.current.open())
    expect(result.current).toMatchObject({ status: 'ready', items: [row(1)] })
    await act(async () => void result.current.open())
    expect(result.current).toMatchObject({ status: 'ready', items: [row(1)] })
    expect(fetchPage).toHaveBeenCalledTimes(2)
  })

  it('a lazy list opens on its first key too', async () => {
    const fetchPage: Fetch = jest.fn().mockResolvedValueOnce(page([row(1)]))
    const { result } = await renderPages(fetchPage, true)
    await act(async () => result.current.setKey('a'))
    expect(fetchPage).toHaveBeenCalledWith('a', null)
    expect(result.current.status).toBe('ready')
  })
})

describe('appendNew', () => {
  it('appends only the rows not shown yet', () => {
    expect(appendNew([row(1), row(2)], [row(2), row(3)], (r) => r.id)).toEqual([row(1), row(2), row(3)])
  })
})
