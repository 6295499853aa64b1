import { fireEvent, render } from '@testing-library/react'
import { ApiError } from '@/api/errors'
import { ListFooter } from './index'

const list = (over: object = {}) => ({ loadingMore: false, moreError: undefined, nextCursor: null, loadMore: jest.fn(() => Promise.resolve()), ...over })

describe('ListFooter', () => {
  it.each([
    ['loading the next page', { loadingMore: true, nextCursor: 'c1' }, 'list-footer', '加载中…'],
    ['a failed page', { moreError: new ApiError('internal', 'x', 500), nextCursor: 'c1' }, 'list-footer list-footer--retry', '加载失败，点击重试'],
    ['more to come', { nextCursor: 'c1' }, 'list-footer list-footer--more', '上拉加载更多'],
    ['the end', {}, 'list-footer', '没有更多了'],
  ])('shows %s', (_, over, className, text) => {
    const { container } = render(<ListFooter className='list-footer' list={list(over)} />)
    expect(container.firstElementChild?.className).toBe(className)
    expect(container.textContent).toBe(text)
  })

  it.each([
    ['retries a failed page', { moreError: new ApiError('internal', 'x', 500), nextCursor: 'c1' }, 1],
    ['loads more when tapped', { nextCursor: 'c1' }, 1],
    ['does nothing at the end', {}, 0],
  ])('%s', (_, over, calls) => {
    const paging = list(over)
    const { container } = render(<ListFooter className='list-footer' list={paging} />)
    fireEvent.click(container.firstElementChild!)
    expect(paging.loadMore).toHaveBeenCalledTimes(calls)
  })
})
